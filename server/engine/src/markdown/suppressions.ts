// Suppression comments, as markdownlint spells them:
//   <!-- claimlint-disable-next-line RULE [RULE…] -->  the line after the comment's last line
//   <!-- claimlint-disable-line RULE -->                the comment's own line(s)
//   <!-- claimlint-disable RULE --> … <!-- claimlint-enable RULE -->   (unclosed: to the end)
//   <!-- claimlint-disable-file RULE -->                the whole document
// No RULE means every rule. Rules may be separated by spaces or commas.
import { RULE_IDS, type Suppression } from '../model';

export interface CommentLines {
  body: string;
  firstLine: number;
  lastLine: number;
}

const DIRECTIVE = /^claimlint-(disable-next-line|disable-line|disable-file|disable|enable)(?=\s|$)/;

export function readSuppressions(comments: readonly CommentLines[], lastLine: number): Suppression[] {
  const suppressions: Suppression[] = [];
  /** Open `disable` ranges: by rule, and for every rule. */
  const open = new Map<string, number>();
  let openForAll: number | undefined;

  for (const comment of comments) {
    const body = comment.body.trim();
    if (!body.startsWith('claimlint-')) continue;
    const directive = DIRECTIVE.exec(body);
    if (!directive) continue;
    const rules = body
      .slice(directive[0].length)
      .split(/[\s,]+/)
      .filter((rule) => rule !== '');
    switch (directive[1]) {
      case 'disable-next-line':
        suppressions.push({ rules, fromLine: comment.lastLine + 1, toLine: comment.lastLine + 1 });
        break;
      case 'disable-line':
        suppressions.push({ rules, fromLine: comment.firstLine, toLine: comment.lastLine });
        break;
      case 'disable-file':
        suppressions.push({ rules, fromLine: 0, toLine: lastLine });
        break;
      case 'disable':
        if (rules.length === 0) openForAll ??= comment.firstLine;
        for (const rule of rules) if (!open.has(rule)) open.set(rule, comment.firstLine);
        break;
      case 'enable': {
        const closing = rules.length ? rules : [...open.keys()];
        for (const rule of closing) {
          const from = open.get(rule);
          if (from === undefined) continue;
          suppressions.push({ rules: [rule], fromLine: from, toLine: comment.lastLine });
          open.delete(rule);
        }
        if (openForAll !== undefined) {
          suppressions.push({ rules: [], fromLine: openForAll, toLine: comment.lastLine });
          openForAll = undefined;
          // Enabling some rules inside a disable-everything range leaves the others disabled.
          if (rules.length) {
            for (const rule of RULE_IDS) {
              if (!rules.includes(rule) && !open.has(rule)) open.set(rule, comment.lastLine + 1);
            }
          }
        }
        break;
      }
    }
  }
  if (openForAll !== undefined) suppressions.push({ rules: [], fromLine: openForAll, toLine: lastLine });
  for (const [rule, from] of open) suppressions.push({ rules: [rule], fromLine: from, toLine: lastLine });
  return suppressions;
}
