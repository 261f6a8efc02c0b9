import { z } from 'zod';

/**
 * The touch keyboard's actions, the same in every flow: one key typed, or the last character erased. Each
 * press goes to the host as an action, so typing is activity that keeps the session alive (docs/architecture.md
 * "Session, flows and the idle timeout").
 */
export const keyboardCharacters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const typeActionSchema = z.strictObject({ type: z.literal('type'), char: z.string().regex(/^[A-Z0-9]$/) });
export const eraseActionSchema = z.strictObject({ type: z.literal('erase') });

export type KeyboardAction = z.infer<typeof typeActionSchema> | z.infer<typeof eraseActionSchema>;
