// i18n.js — the UI's strings in zh-CN and en (web/i18n/*.json), the current
// language (the user's saved setting, else the browser's), and t(key, vars).
let lang = 'zh';
let dict = {};
let fallback = {};

/** The language to start with: the saved choice, else navigator.language. */
export function initialLang(userLang) {
  const saved = userLang || localStorage.getItem('attain.lang');
  const pick = saved || navigator.language || 'en';
  return /^zh/i.test(pick) ? 'zh' : 'en';
}

async function fetchDict(l) {
  const res = await fetch(`/i18n/${l === 'zh' ? 'zh-CN' : 'en'}.json`);
  if (!res.ok) throw new Error(`i18n ${l}: ${res.status}`);
  return res.json();
}

/** Load language L ('zh' | 'en'); en is the fallback for missing keys. */
export async function setLang(l) {
  lang = l === 'zh' ? 'zh' : 'en';
  const [d, f] = await Promise.all([fetchDict(lang), lang === 'en' ? null : (Object.keys(fallback).length ? fallback : fetchDict('en'))]);
  dict = d;
  fallback = lang === 'en' ? d : f;
  localStorage.setItem('attain.lang', lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function getLang() { return lang; }

/** The string KEY with {name} placeholders filled from VARS. */
export function t(key, vars) {
  let s = dict[key] ?? fallback[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] ?? m));
  return s;
}
