import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import ts from 'typescript';

const SOURCE = fileURLToPath(new URL('../../../web/widget/src/i18n.ts', import.meta.url));
/** The languages the issue asks for, and the config's `enabled_languages` names. */
const REQUIRED = ['en', 'es', 'pt_BR', 'fr', 'de'];

type Words = Record<string, string>;

/** The widget's own i18n module, compiled from its source and loaded as it ships. */
async function loadI18n(): Promise<{ LOCALES: Record<string, Words>; pickLocale: (wanted: string) => string; fill: (t: string, v: Record<string, unknown>) => string }> {
  const js = ts.transpileModule(readFileSync(SOURCE, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('widget languages', () => {
  it('has every word of English in es, pt_BR, fr and de, none empty or left in English, with the same placeholders', async () => {
    const { LOCALES } = await loadI18n();
    assert.deepEqual(Object.keys(LOCALES).sort(), [...REQUIRED].sort());
    const keys = Object.keys(LOCALES.en);
    assert.ok(keys.length > 30, `only ${keys.length} English words`);
    for (const code of REQUIRED) {
      const words = LOCALES[code];
      assert.deepEqual(Object.keys(words).sort(), [...keys].sort(), `${code}: missing or extra keys`);
      for (const key of keys) {
        assert.equal(typeof words[key], 'string', `${code}.${key}`);
        assert.ok(words[key].trim().length > 0, `${code}.${key} is empty`);
        assert.deepEqual(placeholders(words[key]), placeholders(LOCALES.en[key]), `${code}.${key} placeholders`);
      }
      if (code !== 'en') {
        const same = keys.filter((key) => words[key] === LOCALES.en[key] && /\s/.test(words[key]));
        assert.deepEqual(same, [], `${code}: phrases still in English`);
      }
    }
  });

  it('picks the language from settings or the browser: exact, regional variants, Portuguese, else English', async () => {
    const { pickLocale, fill } = await loadI18n();
    assert.equal(pickLocale('de'), 'de');
    assert.equal(pickLocale('de-AT'), 'de');
    assert.equal(pickLocale('pt-BR'), 'pt_BR');
    assert.equal(pickLocale('pt_PT'), 'pt_BR');
    assert.equal(pickLocale('fr_CA'), 'fr');
    assert.equal(pickLocale('es-419'), 'es');
    assert.equal(pickLocale('ja'), 'en');
    assert.equal(pickLocale(''), 'en');
    assert.equal(fill('back at {time} on {day}', { time: '09:00' }), 'back at 09:00 on {day}');
  });
});
