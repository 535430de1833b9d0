import { z } from '../pass/schemas/zod';

/** The programmer's catalog (`/catalog.json`): titles grouped by channel, each a REST v2 resource id. */
export const catalogSchema = z.object({
  channels: z.array(z.object({ id: z.string(), name: z.string() })),
  titles: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      channel: z.string(),
      poster: z.string(),
      synopsis: z.string(),
      durationSeconds: z.number(),
    }),
  ),
});
export type Catalog = z.infer<typeof catalogSchema>;
