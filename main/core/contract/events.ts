import { z } from 'zod';
import { idSchema, progressSchema } from './schemas.js';

/** Events the core pushes to every connected window. */
export const events = {
  /** Something a screen shows has changed; screens refetch what they show. */
  'data.changed': z.object({
    entity: z.enum(['users', 'companies', 'accounts', 'audit', 'imports', 'matches']),
    companyId: idSchema.nullable(),
  }),
  /** Long work reports its progress (imports, reconciliation, embedding). */
  'task.progress': progressSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
