// Wrap a raw CCITT G4 stream in a minimal single-strip TIFF so libtiff (through sharp) can decode
// it: an independent decoder for checking our encoder.
export function g4Tiff(data: Uint8Array, width: number, height: number): Buffer {
  // tag, type (3 SHORT, 4 LONG), value
  const entries: [number, number, number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 1], // BitsPerSample
    [259, 3, 4], // Compression: CCITT T.6
    [262, 3, 0], // Photometric: WhiteIsZero, the fax convention (G4 white runs decode to 0)
    [273, 4, 0], // StripOffsets, patched below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip: one strip
    [279, 4, data.length],
  ];
  const dataOffset = 8 + 2 + entries.length * 12 + 4;
  const b = Buffer.alloc(dataOffset + data.length);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const o = 10 + i * 12;
    b.writeUInt16LE(tag, o);
    b.writeUInt16LE(type, o + 2);
    b.writeUInt32LE(1, o + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) b.writeUInt16LE(v, o + 8);
    else b.writeUInt32LE(v, o + 8);
  });
  b.writeUInt32LE(0, dataOffset - 4);
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(b, dataOffset);
  return b;
}
