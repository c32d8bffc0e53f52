// Whether stylish output may colour: FORCE_COLOR decides when set (0/false turn colour off), else
// NO_COLOR (https://no-color.org) turns it off, else colour only on a terminal.
export function shouldUseColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return isTTY;
}
