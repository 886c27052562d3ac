import { z } from 'zod';
import { listOf, pageQuerySchema } from './lists.ts';

export const notificationSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  dueOn: z.string().nullable(),
  createdAt: z.string(),
  isRead: z.boolean(),
});
/** DTO of {@link notificationSchema}: one entry as the app shows it to its reader. */
export type AppNotification = z.infer<typeof notificationSchema>;
export const notificationListSchema = listOf(notificationSchema).extend({ unread: z.number().int() });
export const notificationQuerySchema = z.object({
  ...pageQuerySchema.shape,
});
export const unreadCountSchema = z.object({ count: z.number().int() });
export const notificationIdParamsSchema = z.object({ id: z.uuid('Mã thông báo không hợp lệ') });

/** The channels this server delivers on, and the key a browser subscribes to Web Push with. */
export const notificationChannelsSchema = z.object({
  email: z.boolean(),
  zalo: z.boolean(),
  push: z.object({ publicKey: z.string() }).nullable(),
});
/** DTO of {@link notificationChannelsSchema}. */
export type NotificationChannels = z.infer<typeof notificationChannelsSchema>;

const base64Url = (what: string, min: number, max: number) =>
  z
    .string()
    .min(min, `${what} không hợp lệ`)
    .max(max, `${what} không hợp lệ`)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${what} không hợp lệ`);

/** A push service endpoint: browsers' push services are all reached over HTTPS. */
const endpointSchema = z
  .url({ protocol: /^https$/, error: 'Địa chỉ nhận thông báo đẩy phải là https://…' })
  .max(2000, 'Địa chỉ nhận thông báo đẩy quá dài');

/** What PushManager.subscribe() gives a browser (PushSubscription.toJSON()). */
export const pushSubscriptionSchema = z.object({
  endpoint: endpointSchema,
  keys: z.object({ p256dh: base64Url('Khóa p256dh', 80, 100), auth: base64Url('Khóa auth', 16, 30) }),
});
export const pushUnsubscribeSchema = z.object({ endpoint: endpointSchema });
