// Where the built-in country names would name the wrong thing in prose, and what we do about it.

/**
 * Library names left out because in prose they mostly mean something else: 中非 is how Chinese
 * writes "China–Africa" (中非合作) far more often than the Central African Republic.
 */
export const DROPPED_LIBRARY_NAMES: ReadonlySet<string> = new Set(['中非']);

/**
 * Country names that are also lower-case English words (a turkey, a family reunion, a football
 * jersey, a guinea pig, chile peppers, a hanging chad): they match only with a capital first letter.
 */
export const CAPITALISED_ONLY_NAMES: ReadonlySet<string> = new Set(['Turkey', 'Reunion', 'Jersey', 'Guinea', 'Chile', 'Chad']);

/**
 * Phrases that contain a subject alias but do not name that subject: "Inner Mongolia" is a region of
 * China, "Latin American" is not American, 印度洋 is the Indian Ocean, 美元 is the US dollar (it
 * matters once a user adds 美). They take part in longest-wins matching and are then dropped, so the
 * shorter alias inside them is not reported.
 */
export const NON_REFERRING_SUBJECT_PHRASES: readonly string[] = [
  'Inner Mongolia',
  '内蒙古',
  'Latin America',
  'Latin American',
  'South America',
  'South American',
  'North America',
  'North American',
  'Central America',
  'Central American',
  'the Americas',
  'New Mexico',
  'New Jersey',
  'Indian Ocean',
  '印度洋',
  'South China Sea',
  'East China Sea',
  '朝鲜半岛',
  'World Bank',
  'World Trade Organization',
  'World War',
  '世界银行',
  '世界贸易组织',
  '美洲',
  '北美',
  '南美',
  '拉美',
  '美元',
  '欧元',
  '日元',
  '澳元',
  '英镑',
];
