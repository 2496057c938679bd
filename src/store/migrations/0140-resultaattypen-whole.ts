// 0140: the cached resultaattypen were stored stripped of selectielijstklasse and brondatumArchiefprocedure; forget
// them and the ETags of their list pages, so the next refresh fetches them whole (a kept ETag would answer 304).
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
DELETE FROM zgw_pages WHERE instr(url, '/resultaattypen') > 0;
DELETE FROM zgw_objects WHERE kind = 'resultaattype';
`;
