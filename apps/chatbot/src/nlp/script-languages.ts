// Which language a Cyrillic or Arabic-script message is in, among those its script's customers most often write: by
// the letters each writes and does not (ї є ґ Ukrainian, ў Belarusian, ђ ћ Serbian, ѓ ќ ѕ Macedonian, ә қ ұ Kazakh,
// ы э ё not Ukrainian, Bulgarian, Serbian or Macedonian; ة ي ك Arabic, پ چ ژ گ not Arabic, ٹ ڈ ڑ ں ے ہ Urdu) and by
// common words.

/** A language of a script: the letters it writes beyond the script's core, and its common words. */
interface ScriptLanguage {
  /** Letters it writes that some other language of its script does not (a word with any other one is not its). */
  letters: string;
  /** Common words, space-separated, lower-case as typed (Cyrillic is not accent-folded). */
  words: string;
  /** A word ending so counts as one of its common words (the infinitive's "-ть" in Russian, "-ць" in Belarusian). */
  ending?: RegExp;
  /** A word so written is not its, as one with a letter it never writes (Russian writes "ъ" only before е ё ю я). */
  never?: RegExp;
}

const CYRILLIC: Record<string, ScriptLanguage> = {
  ru: {
    letters: 'ийщъыьэюяё',
    words:
      'я ты он она мы вы они мой моя моё мое мои мне меня у в во на с со к ко по за из от до не нет да и или но что ' +
      'как где когда почему зачем какой какая какие сколько это этот эта уже ещё еще ли бы же можно нужно надо хочу ' +
      'могу пожалуйста спасибо здравствуйте привет свидания был была было были есть будет очень всё все сейчас ' +
      'только тоже свой свою своя меня нас вас их его ее её мной чем чтобы если через сих пор пока ' +
      // Russian words other lists of the script hold, so that they are no lead for one of those over Russian.
      'так та тот те день дня добрый доброго добрая много можете сам сама само што',
    ending: /ть$/,
    never: /ъ(?![еёюя])/,
  },
  uk: {
    letters: 'ийщьюяіїєґ',
    words:
      'я ти він вона ми ви вони мій моя моє мої мені мене у в на з із зі до від за по не ні так і й та або але що ' +
      'як де коли чому навіщо який яка які скільки це цей ця вже ще чи б би можна треба потрібно хочу можу будь ' +
      'ласка дякую привіт добрий доброго день дня був була було є буде дуже все всі зараз тільки теж свій свою ' +
      'досі нас вас їх його її щоб якщо через',
  },
  be: {
    letters: 'йыьэюяёіў',
    words:
      'я ты ён яна мы вы яны мой мая маё мае мне мяне у ў на з са да па за не няма і ці але што як дзе калі чаму ' +
      'колькі які якая ужо яшчэ дзякуй ласка добры дзень хачу магу можна трэба гэта быў была было ёсць вельмі ' +
      'усё свой сваю дагэтуль',
    ending: /ць$/,
  },
  bg: {
    letters: 'ийщъьюяѝ',
    words:
      'аз ти той тя ние вие те мой моя моят моята мои ми ме мен е са съм си сме сте бях беше в във на с със към по ' +
      'за от до не няма да и или но че какво как къде кога защо какъв каква какви колко това този тази вече още ' +
      'ли може искам мога моля благодаря здравейте здрасти добър ден довиждане ще нещо много сега само също',
  },
  sr: {
    letters: 'иђјљњћџ',
    words:
      'ја ти он она ми ви они мој моја моје мени ме је сам си смо сте су у на са за од до не нема да и или али што ' +
      'шта како где када зашто који која које колико ово овај ова већ још ли могу можете желим хоћу молим хвала ' +
      'здраво добар дан довиђења није нисам би бити треба сада само',
  },
  mk: {
    letters: 'иѓѕјљњќџѐѝ',
    words:
      'јас ти тој таа ние вие тие мој моја мое мојата мојот ми ме мене е сум си сме сте се го ја ги во на со за ' +
      'од до не нема да и или но што како каде кога зошто кој која кое колку ова овој оваа веќе уште ли можам ' +
      'можете сакам ве молам благодарам фала здраво добар ден пријатно ќе беше сега само',
  },
  kk: {
    letters: 'ийщъыьэюяёіәғқңөұүһ',
    words:
      'мен сен сіз ол біз сіздер олар менің сенің сіздің мені маған және бірақ не неге қалай қайда қашан қанша ' +
      'қандай бар жоқ емес әлі енді рахмет сәлеметсіз сәлем бе ма ме па пе ба үшін бұл осы сол керек болады ' +
      'ғана тағы',
  },
};

const ARABIC: Record<string, ScriptLanguage> = {
  ar: {
    letters: 'ةيىكأإؤئء',
    words:
      'في من على إلى الى عن مع هل ما ماذا لماذا كيف متى أين اين كم لم لن لا نعم أن ان إن هذا هذه ذلك تلك تم كان ' +
      'كانت بعد قبل حتى منذ أريد اريد أنا انا أنت لي لدي عندي شكرا مرحبا السلام عليكم أهلا اهلا الآن الان فقط ' +
      'أيضا ايضا يوجد ليس هو هي الذي التي',
  },
  fa: {
    letters: 'پچژگکیآءأؤئ',
    words:
      'من تو او ما شما آنها است هست نیست بود شد را که از به با در برای این آن یک چه چرا چطور کجا کی چند هم نه ' +
      'بله آره ولی اما یا می خیلی ممنون مرسی سلام خداحافظ لطفا هنوز کنم کنید دارم دارد خواهم میخواهم نمی ' +
      'باید شده کرد کردم',
  },
  ur: {
    letters: 'پچژگکیٹڈڑںےہھۓآءؤئ',
    words:
      'میں ہے ہیں تھا تھی تھے ہو ہوا ہوئی گیا گئی کا کی کے کو سے نے پر اور یا لیکن کیا کیوں کیسے کب کہاں کتنا ' +
      'کتنی کون یہ وہ میرا میری میرے مجھے آپ ہم نہیں جی ہاں بھی تک شکریہ سلام براہ کرم کر کریں رہا رہی چاہتا ' +
      'چاہتی سکتے سکتا',
  },
};

/** Per script code (ISO 15924) of `SCRIPTS` in language-detection.ts, the languages told apart in it. */
const SCRIPT_LANGUAGES: Record<string, Record<string, ScriptLanguage>> = { Cyrl: CYRILLIC, Arab: ARABIC };

// A word holding a letter its language never writes counts this much against it: one Ukrainian "ї" outweighs
// a Russian-looking common word ("моя" is both).
const FOREIGN_WEIGHT = 2;
// How far an undeclared language of the script must lead the declared ones to be named: Russian and Bulgarian share
// "как", "да", "не", so one common word is no lead (bench/RESULTS.md, 1 Dec 23:30).
const UNDECLARED_LEAD = 2;

// Letters of a script's words (Arabic's hamza forms and letters, Cyrillic's), as typed: no accent folding.
const WORD_RE = /[\p{L}\p{M}]+/gu;

interface Prepared {
  code: string;
  /** Its letters that at most half of the script's languages write (ы: Russian, Belarusian, Kazakh; ї: Ukrainian). */
  marks: string;
  words: ReadonlySet<string>;
  /** Letters some language of the script writes and this one does not. */
  foreign: string;
  ending: RegExp | undefined;
  never: RegExp | undefined;
}

/**
 * The script ("Cyrl", "Arab") whose languages `tryScriptLanguage` tells apart that `language` (ISO 639-1) is one of.
 *
 * @example scriptOfLanguage('uk') // "Cyrl"
 */
export function scriptOfLanguage(language: string): string | undefined {
  return Object.keys(SCRIPT_LANGUAGES).find((script) => language in (SCRIPT_LANGUAGES[script] ?? {}));
}

const prepared = new Map<string, readonly Prepared[]>();

function preparedOf(script: string): readonly Prepared[] | undefined {
  const languages = SCRIPT_LANGUAGES[script];
  if (languages === undefined) return undefined;
  let out = prepared.get(script);
  if (out === undefined) {
    const all = Object.values(languages);
    const every = new Set(all.flatMap((l) => [...l.letters]));
    const writers = (ch: string) => all.filter((l) => l.letters.includes(ch)).length;
    out = Object.entries(languages).map(([code, l]) => ({
      code,
      marks: [...l.letters].filter((ch) => writers(ch) <= all.length / 2).join(''),
      words: new Set(l.words.split(' ')),
      foreign: [...every].filter((ch) => !l.letters.includes(ch)).join(''),
      ending: l.ending,
      never: l.never,
    }));
    prepared.set(script, out);
  }
  return out;
}

/** Each language's score for a message in `script` (see `tryScriptLanguage`), in its languages' order. */
function scoresOf(all: readonly Prepared[], text: string): number[] {
  const words = text.normalize('NFC').toLowerCase().match(WORD_RE) ?? [];
  return all.map((l) => {
    let score = 0;
    for (const w of words) {
      if (l.words.has(w) || l.ending?.test(w) === true) score++;
      let marked = false;
      let foreign = l.never?.test(w) === true;
      for (const ch of w) {
        if (l.marks.includes(ch)) marked = true;
        if (l.foreign.includes(ch)) foreign = true;
      }
      if (marked) score++;
      if (foreign) score -= FOREIGN_WEIGHT;
    }
    return score;
  });
}

/** The best-scoring language when it scores above zero and no other as much. */
function bestOf(all: readonly Prepared[], scores: readonly number[]): string | undefined {
  let best: string | undefined;
  let top = 0;
  let tied = false;
  all.forEach((l, i) => {
    const score = scores[i] as number;
    if (score > top) [best, top, tied] = [l.code, score, false];
    else if (score === top) tied = true;
  });
  return top > 0 && !tied ? best : undefined;
}

/**
 * The language (ISO 639-1) of a message in `script` ("Cyrl" or "Arab"), among `among` when given (a knowledge
 * base's), or undefined when its words do not tell one language from the others, or `script` has no languages
 * here: each language scores its common words and each
 * word holding a letter that points to it, less twice each word holding a letter it never writes; the best wins
 * when no other scores as much and it scores above zero. Measured in bench/script-languages.ts.
 *
 * @example tryScriptLanguage('Cyrl', 'Моя картка досі не прийшла') // "uk"
 * @example tryScriptLanguage('Arab', 'کارت من هنوز نرسیده') // "fa"
 * @example tryScriptLanguage('Cyrl', 'ПИН') // undefined
 */
export function tryScriptLanguage(
  script: string,
  text: string,
  among?: readonly string[],
): string | undefined {
  const all = preparedOf(script);
  if (all === undefined) return undefined;
  const languages = among === undefined ? all : all.filter((l) => among.includes(l.code));
  return bestOf(languages, scoresOf(languages, text));
}

/**
 * The language of `script` a message is in when the knowledge base declares others of that script only (`declared`:
 * Ukrainian or Belarusian to a Russian base, Persian to an Arabic one), or undefined when it may be one of them: the
 * undeclared language must be the best of all the script's languages (as `tryScriptLanguage` finds it) and lead every
 * declared one by UNDECLARED_LEAD. A word with a letter the declared language never writes ("ї", "ў", "پ") costs it
 * two, so one such word and one common word suffice; common words alone must be two more.
 *
 * @example tryUndeclaredScriptLanguage('Cyrl', 'як змінити пароль', ['ru']) // "uk"
 * @example tryUndeclaredScriptLanguage('Cyrl', 'как сменить пароль', ['ru']) // undefined
 */
export function tryUndeclaredScriptLanguage(
  script: string,
  text: string,
  declared: readonly string[],
): string | undefined {
  const all = preparedOf(script);
  if (all === undefined) return undefined;
  const scores = scoresOf(all, text);
  let [ours, theirs] = [-Infinity, -Infinity];
  all.forEach((l, i) => {
    if (declared.includes(l.code)) ours = Math.max(ours, scores[i] as number);
    else theirs = Math.max(theirs, scores[i] as number);
  });
  if (
    theirs <= 0 ||
    theirs - ours < UNDECLARED_LEAD - (exclusiveWord(all, text, declared, theirs, scores) ? 1 : 0)
  )
    return undefined;
  // Undeclared languages tied (Serbian and Macedonian share "ја", "да", "како"): the notice names the script.
  return bestOf(all, scores) ?? `und-${script}`;
}

/**
 * Whether a language not `declared` scoring `top` has a common word of the message no declared language writes
 * ("дякую" against Russian): then a lead of one suffices.
 */
function exclusiveWord(
  all: readonly Prepared[],
  text: string,
  declared: readonly string[],
  top: number,
  scores: readonly number[],
): boolean {
  const words = text.normalize('NFC').toLowerCase().match(WORD_RE) ?? [];
  const ours = all.filter((l) => declared.includes(l.code));
  return all.some(
    (l, i) =>
      scores[i] === top &&
      !declared.includes(l.code) &&
      words.some((w) => l.words.has(w) && ours.every((d) => !d.words.has(w) && d.ending?.test(w) !== true)),
  );
}
