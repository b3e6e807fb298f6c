import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageSize } from './image-size.js';

describe('imageSize', () => {
  it('reads PNG, GIF, BMP, WebP and JPEG headers', () => {
    const png = Buffer.alloc(24);
    png.writeUInt32BE(0x89504e47, 0);
    png.write('IHDR', 12, 'ascii');
    png.writeUInt32BE(640, 16);
    png.writeUInt32BE(480, 20);
    assert.deepEqual(imageSize(png), { width: 640, height: 480 });

    const gif = Buffer.alloc(10);
    gif.write('GIF89a', 0, 'ascii');
    gif.writeUInt16LE(32, 6);
    gif.writeUInt16LE(16, 8);
    assert.deepEqual(imageSize(gif), { width: 32, height: 16 });

    const bmp = Buffer.alloc(26);
    bmp.write('BM', 0, 'ascii');
    bmp.writeInt32LE(100, 18);
    bmp.writeInt32LE(-50, 22);
    assert.deepEqual(imageSize(bmp), { width: 100, height: 50 });

    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'ascii');
    webp.write('WEBPVP8X', 8, 'ascii');
    webp.writeUIntLE(799, 24, 3);
    webp.writeUIntLE(599, 27, 3);
    assert.deepEqual(imageSize(webp), { width: 800, height: 600 });

    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.alloc(14),
      Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03]), Buffer.alloc(12),
    ]);
    assert.deepEqual(imageSize(jpeg), { width: 400, height: 300 });
  });

  it('answers null for anything else or a truncated header', () => {
    assert.equal(imageSize(Buffer.from('not an image at all, just text')), null);
    assert.equal(imageSize(Buffer.from([0xff, 0xd8, 0xff])), null);
    assert.equal(imageSize(Buffer.alloc(0)), null);
  });
});
