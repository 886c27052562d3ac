import type { viNotifications } from './vi-notifications.ts';

/** English strings of the notifications screen and the header bell. */
export const enNotifications: Record<keyof typeof viNotifications, string> = {
  'nav.notifications': 'Notifications',
  'notifications.title': 'Notifications',
  'notifications.hint': 'New directives, task deadline reminders and report due dates for your units; newest first.',
  'notifications.empty': 'No notifications yet',
  'notifications.open': 'View details',
  'notifications.more': 'Show more',
  'notifications.bell': 'Notifications: {n} in the last {days, plural, one {# day} other {# days}}',
};
