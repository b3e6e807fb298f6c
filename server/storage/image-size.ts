/** Pixel size of an image, read from its header. */
export interface ImageSize {
  width: number;
  height: number;
}

/** How many leading bytes `imageSize` may need (JPEG frames can sit behind large EXIF blocks). */
export const IMAGE_HEAD_BYTES = 256 * 1024;

function png(b: Buffer): ImageSize | null {
  const signature = b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('ascii', 12, 16) === 'IHDR';
  return signature ? { width: b.readUInt32BE(16), height: b.readUInt32BE(20) } : null;
}

function gif(b: Buffer): ImageSize | null {
  return b.length >= 10 && b.toString('ascii', 0, 3) === 'GIF' ? { width: b.readUInt16LE(6), height: b.readUInt16LE(8) } : null;
}

function bmp(b: Buffer): ImageSize | null {
  return b.length >= 26 && b.toString('ascii', 0, 2) === 'BM'
    ? { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) }
    : null;
}

function webp(b: Buffer): ImageSize | null {
  if (b.length < 30 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WEBP') {
    return null;
  }
  const chunk = b.toString('ascii', 12, 16);
  if (chunk === 'VP8 ') {
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return null;
}

/** Walks JPEG markers to the first start-of-frame (SOF0–SOF15 except DHT, JPG and DAC). */
function jpeg(b: Buffer): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) {
    return null;
  }
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) {
      return null;
    }
    const marker = b[offset + 1];
    const length = b.readUInt16BE(offset + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      return { width: b.readUInt16BE(offset + 7), height: b.readUInt16BE(offset + 5) };
    }
    offset += 2 + length;
  }
  return null;
}

/** Width and height of a PNG, GIF, JPEG, WebP or BMP image from its first bytes; null otherwise. */
export function imageSize(head: Buffer): ImageSize | null {
  for (const reader of [png, gif, jpeg, webp, bmp]) {
    const size = reader(head);
    if (size && size.width > 0 && size.height > 0) {
      return size;
    }
  }
  return null;
}
