// The `documents.resolve` handler: a whole document id or the unambiguous start of one → the document's id.
import { PostkamerError } from '../contract/errors';
import type { CommandOutput, CommandParsedInput } from '../contract/commands';
import { MAX_CANDIDATES, MIN_ID_PREFIX, normaliseIdPrefix, pickByPrefix, prefixRange } from '../base/id-prefix';
import { documentIdsInRange } from '../store/documents';
import type { Db } from '../store/db';

/** Resolves `prefix` over every document in the store; errors name the prefix and why (Dutch). */
export function resolveDocumentPrefix(db: Db, input: CommandParsedInput<'documents.resolve'>): CommandOutput<'documents.resolve'> {
  const prefix = normaliseIdPrefix(input.prefix);
  if (prefix === null) {
    throw new PostkamerError(
      'invalid-input',
      `("${input.prefix.slice(0, 40)}" is geen document-id en ook geen begin ervan: minstens ${MIN_ID_PREFIX} tekens 0-9 en a-f, streepjes alleen waar een id ze heeft)`,
    );
  }
  const ids = documentIdsInRange(db, prefixRange(prefix), MAX_CANDIDATES + 1);
  const match = pickByPrefix(prefix, ids);
  if (match.kind === 'one') return { id: match.id };
  if (match.kind === 'none') throw new PostkamerError('not-found', `(geen document met een id dat begint met "${prefix}")`);
  const more = ids.length > MAX_CANDIDATES ? ', en meer' : '';
  throw new PostkamerError('zgw-ambiguous-document', `("${prefix}" past bij ${match.candidates.join(', ')}${more})`, {
    candidates: match.candidates,
  });
}
