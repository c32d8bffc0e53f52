// Dates as claimlint writes them: a year, a month or a day (`2024`, `2024-05`, `2024-05-17`).

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Whether text is YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day (no 2023-02-29). */
export function isPartialDate(text: string): boolean {
  const match = PARTIAL_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  if (match[2] === undefined) return true;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return false;
  if (match[3] === undefined) return true;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The one message for a bad date field, whichever check caught it. */
export function partialDateMessage(field: string, got: string): string {
  return `${field} must be YYYY, YYYY-MM or YYYY-MM-DD (got ${got})`;
}
