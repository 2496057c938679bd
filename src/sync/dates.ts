// Calendar dates as the municipality sees them (Europe/Amsterdam): the rule lives in src/domain/amsterdam-date.ts.
export { amsterdamDate } from '../domain/amsterdam-date';
