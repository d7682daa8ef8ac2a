/** i18next set up with the English and German resources; the chosen language is kept in localStorage. */
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import 'dayjs/locale/de';
import de from './de.json';
import en from './en.json';

/** Languages the UI is translated into. */
export const LANGUAGES = ['en', 'de'] as const;
/** A supported UI language. */
export type Language = (typeof LANGUAGES)[number];

/** localStorage key of the chosen language. */
export const LANGUAGE_STORAGE_KEY = 'irm-language';

/** The resources per language (one namespace). */
export const resources = { en: { translation: en }, de: { translation: de } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** True when the value names a supported language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language stored in localStorage, else the browser's if supported, else English. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    stored = null;
  }
  if (isLanguage(stored)) return stored;
  const browser = navigator.language?.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

/** Creates an initialised i18next instance (synchronous: resources are bundled). */
export function createI18n(language: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  return instance;
}

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(instance: I18n, language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the switch still applies to this window.
  }
  document.documentElement.lang = language;
  await instance.changeLanguage(language);
}
