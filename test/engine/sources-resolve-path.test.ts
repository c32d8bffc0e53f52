import { describe, expect, it } from 'vitest';
import { dirname, normalise, resolvePath } from '../../server/engine/src/sources/resolve-path';

describe('dirname', () => {
  it('gives the folder of a posix file id', () => {
    expect(dirname('/w/refs/sources.yaml')).toBe('/w/refs');
    expect(dirname('/sources.yaml')).toBe('/');
  });

  it('keeps a Windows drive as the root', () => {
    expect(dirname('C:/w/sources.yaml')).toBe('C:/w');
    expect(dirname('C:/sources.yaml')).toBe('C:/');
    expect(dirname('C:\\w\\sources.yaml')).toBe('C:/w');
  });

  it('gives "." for a bare name', () => {
    expect(dirname('sources.yaml')).toBe('.');
  });
});

describe('resolvePath', () => {
  it('resolves against the folder of the registry', () => {
    expect(resolvePath('/w/refs/sources.yaml', 'archive/usgs.txt')).toBe('/w/refs/archive/usgs.txt');
    expect(resolvePath('/w/refs/sources.yaml', './archive//usgs.txt')).toBe('/w/refs/archive/usgs.txt');
  });

  it('applies .. segments', () => {
    expect(resolvePath('/w/refs/sources.yaml', '../archive/usgs.txt')).toBe('/w/archive/usgs.txt');
    expect(resolvePath('/w/refs/sources.yaml', 'a/../../b.txt')).toBe('/w/b.txt');
  });

  it('does not climb above the root, and leaves containment to the workspace', () => {
    expect(resolvePath('/w/sources.yaml', '../../../etc/passwd')).toBe('/etc/passwd');
  });

  it('normalises an absolute target instead of joining it', () => {
    expect(resolvePath('/w/refs/sources.yaml', '/data/./copy.txt')).toBe('/data/copy.txt');
    expect(resolvePath('/w/refs/sources.yaml', 'D:\\data\\copy.txt')).toBe('D:/data/copy.txt');
  });

  it('turns backslashes into slashes', () => {
    expect(resolvePath('C:/w/sources.yaml', 'archive\\usgs.txt')).toBe('C:/w/archive/usgs.txt');
  });
});

describe('normalise', () => {
  it('keeps leading .. of a relative path', () => {
    expect(normalise('../a/./b/../c')).toBe('../a/c');
    expect(normalise('a/..')).toBe('.');
  });
});
