// The built-in subjects: every ISO 3166-1 country with its English and Chinese names from
// i18n-iso-countries, the hand-added short forms and demonyms, the EU and the world.

// The package's main entry registers all 80 locales (about 900 kB once bundled); its browser entry
// registers none, so we import that and register only the two languages we match.
import { getNames, registerLocale } from 'i18n-iso-countries/index';
import en from 'i18n-iso-countries/langs/en.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import { DROPPED_LIBRARY_NAMES } from './alias-exceptions';
import { COUNTRY_SHORT_FORMS, NON_COUNTRY_SUBJECTS } from './country-short-forms';
import { matchingKey } from './text-folding';

registerLocale(en);
registerLocale(zh);

export interface BuiltInSubject {
  id: string;
  name: string;
  /** Hand-added forms first, then the library's English names, then its Chinese name. */
  aliases: string[];
}

function namesOf(locale: string): Record<string, string[]> {
  const names = getNames(locale, { select: 'all' });
  const out: Record<string, string[]> = {};
  for (const [code, value] of Object.entries(names)) out[code.toLowerCase()] = Array.isArray(value) ? value : [value];
  return out;
}

/** One alias per matching key, first spelling kept. */
function distinct(aliases: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const alias of aliases) {
    const key = matchingKey(alias);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

function buildBuiltInSubjects(): BuiltInSubject[] {
  const english = namesOf('en');
  const chinese = namesOf('zh');
  const subjects: BuiltInSubject[] = [];
  for (const id of Object.keys(english).sort()) {
    const hand = COUNTRY_SHORT_FORMS[id];
    const libraryNames = [...(english[id] ?? []), ...(chinese[id] ?? [])].filter((n) => !DROPPED_LIBRARY_NAMES.has(n));
    const aliases = distinct([...(hand?.aliases ?? []), ...libraryNames]);
    subjects.push({ id, name: hand?.name ?? english[id]?.[0] ?? id, aliases });
  }
  for (const extra of NON_COUNTRY_SUBJECTS) subjects.push({ id: extra.id, name: extra.name, aliases: distinct(extra.aliases) });

  // A name the library gives two countries ("Congo") names neither: guessing would be worse.
  const owners = new Map<string, Set<string>>();
  for (const s of subjects) {
    for (const alias of s.aliases) {
      const key = matchingKey(alias);
      let ids = owners.get(key);
      if (ids === undefined) owners.set(key, (ids = new Set()));
      ids.add(s.id);
    }
  }
  for (const s of subjects) s.aliases = s.aliases.filter((a) => owners.get(matchingKey(a))!.size === 1);
  return subjects;
}

let cached: readonly BuiltInSubject[] | undefined;

/** Built once, on first use, and shared by every Vocabulary (callers must not mutate it). */
export function builtInSubjects(): readonly BuiltInSubject[] {
  cached ??= buildBuiltInSubjects();
  return cached;
}
