// The period report in the contract: a period's figures as JSON for the desk, or written to a CSV or PDF/A file.
import { z } from 'zod';
import { cmd } from './define';
import { IsoDateTime } from './schemas';

const Period = { from: z.iso.date(), to: z.iso.date() };

const Hours = z.number().nonnegative().nullable();

/** A row of a per-group table: deliveries, their pages, and the median and 95th percentile hours to delivery. */
const GroupRow = z.object({
  key: z.string(),
  delivered: z.number().int(),
  pages: z.number().int(),
  medianHours: Hours,
  p95Hours: Hours,
});

/**
 * A period's figures (src/domain/period-report.ts PeriodReport): received and pages per Amsterdam day by the day of
 * receipt, delivered per day by the day of delivery; `perPerson` is null unless the setting perPersonStats is on.
 */
export const PeriodReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  generatedAt: IsoDateTime,
  totals: z.object({
    received: z.number().int(),
    digitised: z.number().int(),
    delivered: z.number().int(),
    pages: z.number().int(),
    attentionAtEnd: z.number().int(),
    attentionSource: z.enum(['outbox', 'audit']),
    medianHours: Hours,
    p95Hours: Hours,
  }),
  perDay: z.array(z.object({ day: z.iso.date(), received: z.number().int(), pages: z.number().int(), delivered: z.number().int() })),
  perZaaktype: z.array(GroupRow),
  perPerson: z.array(GroupRow).nullable(),
});

export const reportCommands = {
  /**
   * The figures of the Amsterdam days [from, to] (at most 366 days) for the supervisor's desk, as `report.period`
   * writes them; per person only when the setting perPersonStats is on (the core decides).
   */
  'report.summary': cmd(z.object(Period).strict(), PeriodReport),
  /**
   * Received, digitised, delivered, pages, in attention at the end, the median and 95th percentile time to delivery,
   * per zaaktype and (only when the setting perPersonStats is on) per person, for the Amsterdam days [from, to].
   * Local only: it takes a path. `rows`: the data rows written (every table's, headers not counted).
   */
  'report.period': cmd(
    z.object({ ...Period, format: z.enum(['csv', 'pdf']), path: z.string().min(1).max(4096) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string(), rows: z.number().int() }),
    'local',
  ),
} as const;
