import { z } from 'zod';

/**
 * The deployment settings that choose the test population: every module that loads data from it
 * (auth's consumers, funding's sources, risk's profiles) reads these two, so every process derives
 * the same consumers. Coerced, because a microservice may get them as strings while the monolith
 * passes numbers. Modules extend this schema with their own keys.
 */
export const PopulationSettings = z.object({
  /** Seed of the test population. */
  seed: z.coerce.number().int().default(42),
  /** How many consumers of the population to load. */
  consumers: z.coerce.number().int().nonnegative().default(1000),
});
export type PopulationSettings = z.infer<typeof PopulationSettings>;
