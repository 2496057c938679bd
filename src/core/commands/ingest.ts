// Bringing files in: uploads from the UI in chunks, and files and folders named by a trusted caller.
import { PostkamerError } from '../../contract/errors';
import { showIngestResult } from '../display';
import { expandPaths, ingestSources, type IngestSource } from '../ingest';
import { recordRejection } from '../receive';
import type { UploadBuffer } from '../uploads';
import type { CoreServices, SomeHandlers } from '../types';

export function ingestCommands(core: CoreServices, uploads: UploadBuffer) {
  return {
    'upload.begin': (i, ctx) => {
      try {
        return { uploadId: uploads.begin(i.name, i.size, core.settings().maxFileBytes, ctx.connection) };
      } catch (e) {
        // Refused before it was read (empty, too large): listed with the other rejections, as from the CLI.
        if (e instanceof PostkamerError) {
          recordRejection(core.ingestContext(ctx), null, i.name, e.code, `${i.name}: ${e.message}`);
          core.emit('status.changed', {});
        }
        throw e;
      }
    },
    'upload.chunk': (i, ctx) => ({ received: uploads.chunk(i.uploadId, i.offset, Buffer.from(i.data, 'base64'), ctx.connection) }),
    'upload.abort': (i, ctx) => {
      uploads.abort(i.uploadId, ctx.connection);
      return {};
    },
    'upload.commit': async (i, ctx) => {
      const sources: IngestSource[] = uploads
        .takeAll(i.uploadIds, ctx.connection)
        .map((u) => ({ name: u.name, kind: 'buffer', data: u.data }));
      return showIngestResult(await ingestSources(core.ingestContext(ctx), sources, { source: 'import' }));
    },
    'ingest.paths': async (i, ctx) => {
      const { sources, errors } = await expandPaths(i.paths);
      return showIngestResult(
        await ingestSources(core.ingestContext(ctx), sources, { source: i.source, profile: i.profile, preErrors: errors }),
      );
    },
  } satisfies SomeHandlers;
}
