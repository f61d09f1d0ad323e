// The lists shipped with the product (server/data/*.json, bundled by esbuild; `npm run
// data:refresh` rebuilds them), checked once at load.
import officialFile from '../../../data/official-images.json';
import publishersFile from '../../../data/publishers.json';
import registriesFile from '../../../data/registries.json';
import { parseOfficialImages, parsePublishers, parseRegistries } from './dataFormat.js';

export type { OfficialImages, Publisher, Publishers, Registries, Registry } from './dataFormat.js';

/** The shipped lists, checked. */
export const OFFICIAL_IMAGES = parseOfficialImages(officialFile);
export const PUBLISHERS = parsePublishers(publishersFile);
export const REGISTRIES = parseRegistries(registriesFile);
