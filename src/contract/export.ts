// The e-depot export in the contract: delivered documents with their file and MDTO metadata written to a folder.
import { z } from 'zod';
import { cmd } from './define';
import { Id, IsoDate } from './schemas';
import { plainText } from './text';

export const MdtoSelection = z
  .object({
    /** Every delivered document of this zaak. */
    zaaknummer: plainText().trim().min(1).max(40).optional(),
    /** Every delivered document of this batch. */
    batchId: Id.optional(),
    /** Every document delivered on the days [from, to] (both needed). */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();

export const MdtoExportInput = MdtoSelection.extend({
  /** The folder to write to (made when missing). Local only: it takes a path. */
  dir: z.string().min(1).max(4096),
  /** The archiefvormer's name; without it the setting `archiefvormer`. */
  archiefvormer: plainText().trim().min(1).max(200).optional(),
})
  .strict()
  .refine(
    (i) => [i.zaaknummer !== undefined, i.batchId !== undefined, i.from !== undefined || i.to !== undefined].filter(Boolean).length === 1,
    {
      message: 'kies precies één van zaaknummer, batch, of een periode (from en to)',
    },
  )
  .refine((i) => (i.from === undefined) === (i.to === undefined) && (i.from === undefined || i.from <= i.to!), {
    message: 'een periode heeft een begin (from) en een eind (to), het begin niet na het eind',
  });

export const MdtoWritten = z.object({
  id: Id,
  /** The EIO's identificatie, the base of the three files' names. */
  identificatie: z.string(),
  /** The names written in the folder: the file, `<naam>.mdto.xml`, `<bestandsnaam>.bestand.mdto.xml`. */
  files: z.array(z.string()),
  waardering: z.enum(['B', 'V']),
});

export const exportCommands = {
  /**
   * Per delivered document of the selection: its file (as delivered), `<naam>.mdto.xml` (the informatieobject, valued
   * from its zaak's resultaat) and `<bestandsnaam>.bestand.mdto.xml`. A document that cannot be valued (its zaak has no
   * resultaat yet, …) is skipped and named with the reason; the others are written.
   */
  'export.mdto': cmd(
    MdtoExportInput,
    z.object({ dir: z.string(), written: z.array(MdtoWritten), skipped: z.array(z.object({ id: Id, reason: z.string() })) }),
    'local',
  ),
  /**
   * The same for a selection made in the UI, written into a new folder inside the export folder the administrator set
   * (setting `exportDir`; the UI never names a path). Not delivered documents are skipped with the reason. Progress
   * goes out as `export.progress` events. `folder`: the name of the folder made there.
   */
  'export.mdtoSelection': cmd(
    z.object({ ids: z.array(Id).min(1).max(1000) }).strict(),
    z.object({ folder: z.string(), written: z.array(MdtoWritten), skipped: z.array(z.object({ id: Id, reason: z.string() })) }),
  ),
} as const;
