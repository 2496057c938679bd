/**
 * Translates a known audit term; unknown ones (added by newer parts of the core) are shown as they are.
 * Keys use "_" for the "." in action names, because "." separates i18n key levels.
 */
export function term(
  t: (k: string, o?: { defaultValue: string }) => string,
  group: 'actions' | 'objects' | 'results' | 'origins',
  value: string,
): string {
  return t(`audit.${group}.${value.replace(/\./g, '_')}`, { defaultValue: value });
}
