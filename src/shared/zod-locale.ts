import { z } from 'zod';

// Default validation messages in Vietnamese; schemas override the ones users see most.
z.config(z.locales.vi());
