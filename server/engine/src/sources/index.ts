// Source registries in any of the three formats claimlint reads. Duplicate ids are returned as they
// are: the workspace reports `duplicate-id` across all registries at once.
import type { Finding, SourceEntry } from '../model';
import { finding, oneLine } from '../yaml/yaml-document';
import { parseBibtexRegistry } from './bibtex-registry';
import { parseCslJsonRegistry } from './csl-json-registry';
import { parseYamlRegistry } from './yaml-registry';

export type RegistryFormat = 'yaml' | 'bibtex' | 'csl-json';

/** By extension: `.bib` is BibTeX, `.json` CSL-JSON, anything else claimlint YAML. */
export function registryFormat(file: string): RegistryFormat {
  const name = file.toLowerCase();
  if (name.endsWith('.bib')) return 'bibtex';
  if (name.endsWith('.json')) return 'csl-json';
  return 'yaml';
}

/** Reads a registry. Never throws: what does not parse is a located `invalid-claim` finding. */
export function parseSourceRegistry(
  text: string,
  file: string,
  format: RegistryFormat = registryFormat(file),
): { sources: SourceEntry[]; findings: Finding[] } {
  try {
    switch (format) {
      case 'bibtex':
        return parseBibtexRegistry(text, file);
      case 'csl-json':
        return parseCslJsonRegistry(text, file);
      default:
        return parseYamlRegistry(text, file);
    }
  } catch (error) {
    const findings: Finding[] = [
      finding(file, { start: 0, end: Math.min(1, text.length) }, `source registry could not be read: ${oneLine(error)}`),
    ];
    return { sources: [], findings };
  }
}
