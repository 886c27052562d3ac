import { useCallback, useSyncExternalStore } from 'react';
import { formatMessage, type MessageVars } from '../shared/messages.ts';
import { ROLE_LABELS, type Role } from '../shared/permissions.ts';
import { en } from './locales/en.ts';
import { vi, type MessageKey } from './locales/vi.ts';

/** UI languages; Vietnamese first. */
export type Lang = 'vi' | 'en';
/** Translate function returned by {@link useT}. */
export type TFunction = (key: MessageKey, vars?: MessageVars) => string;

const STORAGE_KEY = 'cnscd.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };
const subscribers = new Set<() => void>();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let currentLang: Lang = readStoredLang();

/** Current language (outside React). */
export function getLang(): Lang {
  return currentLang;
}

/** Switches the UI language, persists it in localStorage and updates `<html lang>`. */
export function setLang(lang: Lang): void {
  currentLang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage unavailable (private mode); keep the in-memory value
  }
  document.documentElement.lang = lang;
  subscribers.forEach((notify) => notify());
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

/** Translates a key in a language, filling `{name}` placeholders and making plural choices. */
export function translate(lang: Lang, key: MessageKey, vars?: MessageVars): string {
  return formatMessage(dictionaries[lang][key], vars, lang);
}

/** Current language, re-rendering on change. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, getLang, () => 'vi' as const);
}

/** Returns a translate function bound to the current language. */
export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key: MessageKey, vars?: MessageVars) => translate(lang, key, vars), [lang]);
}

/** Label of a role in the current language. */
export function useRoleLabel(): (role: Role) => string {
  const lang = useLang();
  return useCallback((role: Role) => ROLE_LABELS[role][lang], [lang]);
}

document.documentElement.lang = currentLang;
