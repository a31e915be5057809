import { describe, expect, it } from 'vitest';
import { labelStudioImageName, rasterizePolygons, SampleNameIndex, type SampleRef } from '../src/index.ts';

const sample = (id: string, sourceName: string | null): SampleRef => ({ id, sourceName, width: 8, height: 8, label: 'fake' });

describe('matching masks to samples by file name', () => {
  const index = new SampleNameIndex([
    sample('s1', 'fake/swap/000_003/0000.png'),
    sample('s2', 'fake/swap/001_004/0000.png'),
    sample('s3', 'fake/edit/train-00012.png'),
    sample('s4', null),
  ]);
  const id = (name: string) => {
    const m = index.match(name);
    return m.kind === 'found' ? m.sample.id : m.kind;
  };

  it('matches the longest agreeing tail of path segments, extension ignored', () => {
    expect(id('fake/swap/000_003/0000.png')).toBe('s1');
    expect(id('000_003/0000.jpg')).toBe('s1');
    expect(id('/data/export/masks/swap/001_004/0000.png')).toBe('s2');
    expect(id('train-00012')).toBe('s3');
    expect(id('C:\\exports\\edit\\train-00012.png')).toBe('s3');
  });

  it('refuses to guess between samples that share a name, and says when nothing matches', () => {
    expect(id('0000.png')).toBe('ambiguous');
    expect(id('swap/0000.png')).toBe('ambiguous');
    expect(id('other/0000.png')).toBe('ambiguous');
    expect(id('train-99999.png')).toBe('none');
  });

  it('matches sample ids and Label Studio upload names', () => {
    expect(id('s4')).toBe('s4');
    expect(id('/data/upload/3/0a1b2c3d-train-00012.png')).toBe('s3');
    expect(labelStudioImageName('http://host:8080/data/local-files/?d=fake%2Fedit%2Ftrain-00012.png')).toBe('fake/edit/train-00012.png');
    expect(labelStudioImageName('s3://bucket/a/b.png?X-Amz=1')).toBe('/a/b.png');
  });
});

describe('COCO polygon rasterization', () => {
  it('sets exactly the pixels whose centres lie inside, unions parts, and checks coordinates', async () => {
    const m = await rasterizePolygons([[1, 1, 4, 1, 4, 3, 1, 3], [6, 6, 8, 6, 8, 8, 6, 8]], 8, 8);
    const rows = Array.from({ length: 8 }, (_, y) => Array.from(m.data.subarray(y * 8, y * 8 + 8)).join(''));
    expect(rows).toEqual(['00000000', '01110000', '01110000', '00000000', '00000000', '00000000', '00000011', '00000011']);
    expect((await rasterizePolygons([[0, 0, 1]], 4, 4)).data.every((v) => v === 0)).toBe(true);
    await expect(rasterizePolygons([[0, 0, 3, 0, 3, Number.NaN]], 4, 4)).rejects.toThrow(/finite/);
  });
});
