// The assistant's own sentences (not from the knowledge base) per reply language; English for any other language.
import { primaryLanguage } from '../nlp/language-detection.ts';

export interface PolicyPhrases {
  /** The conversation is already with an agent. */
  withAgent: string;
  /** Handing off on request, when the knowledge base has no human_agent answer. */
  handingOff: string;
  /** Handing off after repeated misses: an apology, then the handoff sentence. */
  sorry: (handoff: string) => string;
  /** Handing off after repeated misses, when the knowledge base has no human_agent answer. */
  agentWillTakeOver: string;
  /** Out of scope, with up to two likely topics (titles). */
  notUnderstood: (topics: readonly string[]) => string;
  /**
   * Before a reply to a message in a language the knowledge base does not declare: that language's name in the
   * reply language (undefined when only its script is known), the reply language's name in English, and the other
   * declared languages' own names.
   */
  notInLanguage: (asked: string | undefined, answering: string, others: readonly string[]) => string;
}

const ENGLISH: PolicyPhrases = {
  withAgent: 'A support agent has this conversation and will answer here; your message has been added to it.',
  handingOff: 'I am passing this conversation to one of our support agents.',
  sorry: (handoff) => `I'm sorry I couldn't help with that. ${handoff}`,
  agentWillTakeOver: 'A support agent will take over this conversation.',
  notUnderstood: (topics) =>
    `I'm not sure I understood.${
      topics.length > 0 ? ` Is it about ${topics.map((t) => t.toLowerCase()).join(' or ')}?` : ''
    } You can rephrase, or ask to talk to a person.`,
  // English phrases serve every language without its own: the reply's language is named, not assumed.
  notInLanguage: (asked, answering, others) =>
    `(I can't answer in ${asked ?? 'your language'} yet, so I'm answering in ${answering}${
      others.length > 0 ? `; I also speak ${others.join(' and ')}` : ''
    }, or you can ask for a person.)`,
};

const CHINESE: PolicyPhrases = {
  withAgent: '客服人员正在处理这段对话，会在这里回复您；您的消息已加入对话。',
  handingOff: '我正在把这段对话转给客服人员。',
  sorry: (handoff) => `抱歉，这个问题我没能帮上忙。${handoff}`,
  agentWillTakeOver: '客服人员会接手这段对话。',
  notUnderstood: (topics) =>
    `抱歉，我没有理解您的意思。${
      topics.length > 0 ? `您是想问“${topics.join('”还是“')}”吗？` : ''
    }您可以换个说法，或者要求转人工客服。`,
  notInLanguage: (asked, _answering, others) =>
    `（我暂时还不能用${asked ?? '您的语言'}回答，下面用中文回答${
      others.length > 0 ? `；我也会说${others.join('和')}` : ''
    }，也可以要求转人工客服。）`,
};

// Titles keep their capitals after the first letter ("PIN olvidado" -> "pIN" would not do): lower the first only.
const lowerFirst = (title: string) => title.charAt(0).toLowerCase() + title.slice(1);

const SPANISH: PolicyPhrases = {
  withAgent: 'Un agente lleva esta conversación y te responderá aquí; hemos añadido tu mensaje.',
  handingOff: 'Paso esta conversación a uno de nuestros agentes.',
  sorry: (handoff) => `Siento no haber podido ayudarte con eso. ${handoff}`,
  agentWillTakeOver: 'Un agente se hará cargo de esta conversación.',
  notUnderstood: (topics) =>
    `No estoy seguro de haberte entendido.${
      topics.length > 0 ? ` ¿Es sobre ${topics.map(lowerFirst).join(' o ')}?` : ''
    } Puedes decirlo de otra manera o pedir hablar con una persona.`,
  notInLanguage: (asked, _answering, others) =>
    `(Todavía no puedo responder en ${asked ?? 'tu idioma'}, así que te respondo en español${
      others.length > 0 ? `; también hablo ${others.join(' y ')}` : ''
    }, o puedes pedir hablar con una persona.)`,
};

const PHRASES: Record<string, PolicyPhrases> = { en: ENGLISH, zh: CHINESE, es: SPANISH };

/**
 * The name of language `tag` in language `inLanguage` ("ja" in "zh": 日语), or undefined for a tag that names only
 * a script ("und-Cyrl") or that the platform cannot name.
 */
export function languageName(tag: string, inLanguage: string): string | undefined {
  if (primaryLanguage(tag) === 'und') return undefined;
  try {
    const name = new Intl.DisplayNames([inLanguage, 'en'], { type: 'language' }).of(tag);
    return name === undefined || name === tag ? undefined : name;
  } catch (error) {
    // A tag the schema accepts but Intl does not (RangeError) goes nameless, as a script does.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The short line put before a reply to a message in `asked`, a language the knowledge base does not declare: what
 * it is answered in instead, the other `declared` languages (each in its own name) and a person.
 *
 * @example notInLanguageNotice('ja', 'en', ['en', 'zh', 'es']) // "(I can't answer in Japanese yet, so I'm answering in English; I also speak 中文 and español, or you can ask for a person.)"
 */
export function notInLanguageNotice(asked: string, reply: string, declared: readonly string[]): string {
  const others = declared.filter((l) => l !== reply).map((l) => languageName(l, l) ?? l);
  const answering = languageName(reply, 'en') ?? reply;
  return phrasesFor(reply).notInLanguage(languageName(asked, reply), answering, others);
}

/** The phrases for a reply language; a language without its own falls back to English. */
export function phrasesFor(language: string): PolicyPhrases {
  return PHRASES[primaryLanguage(language)] ?? ENGLISH;
}
