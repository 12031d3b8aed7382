export { seed, seedId, DEMO_PASSWORD } from './seed';
export type { SeedOptions, SeedReport } from './seed';
export { BPF_2016, checkSeedData } from './seed-data';
export type { SeedData, SeedPerson, SeedComment, SeedDocument } from './seed-data';
