/**
 * zod schemas for the Twitch auth and Helix wire formats (see /work/shared/reference/twitch-helix.md).
 *
 * Lenient where Twitch is documented to be loose (`tags`/`tag_ids` null, `game_name`/`title`/`language`
 * empty or missing, optional profile images); strict on what identity and liveness hang on (user and
 * stream ids, `type`, `started_at`). A response is all or nothing: dropping one odd stream would make
 * that streamer look offline downstream. Unknown fields are stripped.
 */
import { z } from 'zod';

const looseString = z
  .string()
  .nullish()
  .transform((v) => v ?? '');

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});
export type TokenResponse = z.output<typeof TokenResponseSchema>;

/** `login` and `user_id` are absent for app tokens. */
export const ValidateResponseSchema = z.object({
  client_id: z.string(),
  expires_in: z.number(),
  scopes: z.array(z.string()).nullish(),
});
export type ValidateResponse = z.output<typeof ValidateResponseSchema>;

/** Both the auth (`{status, message}`) and Helix (`{error, status, message}`) error bodies. */
export const ErrorBodySchema = z.object({
  error: z.string().optional(),
  status: z.number().optional(),
  message: z.string().optional(),
});

export const HelixUserSchema = z.object({
  id: z.string().min(1),
  login: z.string().min(1),
  display_name: looseString,
  profile_image_url: looseString,
});
export type HelixUser = z.output<typeof HelixUserSchema>;

export const HelixUsersResponseSchema = z.object({
  data: z.array(HelixUserSchema),
});

export const HelixStreamSchema = z.object({
  id: z.string().min(1),
  user_id: z.string().min(1),
  user_login: looseString,
  user_name: looseString,
  game_id: looseString,
  game_name: looseString,
  type: looseString,
  title: looseString,
  viewer_count: z.number().int().nonnegative(),
  started_at: z.string().min(1),
  language: looseString,
  thumbnail_url: looseString,
  tags: z.array(z.string()).nullish(),
  tag_ids: z.array(z.string()).nullish(),
  is_mature: z.boolean().nullish(),
});
export type HelixStream = z.output<typeof HelixStreamSchema>;

/** `{"cursor": "…"}` while more pages exist, `{}` when done; treat a missing object as done. */
export const PaginationSchema = z
  .object({ cursor: z.string().nullish() })
  .nullish()
  .transform((v) => (v?.cursor ? v.cursor : null));

export const HelixStreamsResponseSchema = z.object({
  data: z.array(HelixStreamSchema),
  pagination: PaginationSchema,
});
export type HelixStreamsResponse = z.output<typeof HelixStreamsResponseSchema>;

export { describeZodError } from '../zod-errors.js';
