// The customer chat's own words (labels, buttons, badges) in the language of the conversation's replies: the
// server answers in the customer's language, and the page around its answers should not stay English.
import { fromCatalogue, type Catalogue } from './catalogue.ts';

/** Every string the customer chat shows or announces besides the knowledge base's own texts. */
export interface CustomerLabels {
  heading: string;
  newConversation: string;
  conversation: string;
  personWillAnswer: string;
  yourMessage: string;
  send: string;
  talkToPerson: string;
  /** Sent as the customer's message by the "talk to a person" button: the server hands off on it, in its language. */
  handoffMessage: string;
  agent: string;
  /** The words of "intent card_lost · confidence 87%" under an answer. */
  intent: string;
  confidence: string;
  notUnderstood: string;
  handedOff: string;
  didYouMean: string;
  didYouMeanLead: string;
  wasItRight: string;
  rightLabel: string;
  right: string;
  wrongLabel: string;
  wrong: string;
  whatWereYouAsking: string;
  choose: string;
  sendCorrection: string;
  feedbackRecorded: string;
  /** Before the first message: what to ask about, in which {languages}. */
  suggestionsLead: string;
  tryAsking: string;
  /** The offline chat (#offline): its page in the UI language, its badges in each answer's. */
  offlineHeading: string;
  offlinePrivacy: string;
  offlineModel: string;
  offlineChatHeading: string;
  offlineConversation: string;
  offlineYourMessage: string;
  answeredOnDevice: string;
  personOnline: string;
}

const ENGLISH: CustomerLabels = {
  heading: 'Chat with us',
  newConversation: 'New conversation',
  conversation: 'Conversation',
  personWillAnswer: 'A person will answer here; their replies appear in this conversation.',
  yourMessage: 'Your message',
  send: 'Send',
  talkToPerson: 'Talk to a person',
  handoffMessage: 'I would like to talk to a person',
  agent: 'Agent',
  intent: 'intent',
  confidence: 'confidence',
  notUnderstood: 'not understood',
  handedOff: 'handed to a person',
  didYouMean: 'Did you mean',
  didYouMeanLead: 'Did you mean:',
  wasItRight: 'Was this answer right?',
  rightLabel: 'Thumbs up: the answer was right',
  right: 'Right',
  wrongLabel: 'Thumbs down: the answer was wrong',
  wrong: 'Wrong',
  whatWereYouAsking: 'What were you asking about?',
  choose: 'choose…',
  sendCorrection: 'Send correction',
  feedbackRecorded: 'Thanks, your feedback was recorded.',
  suggestionsLead:
    'Ask about cards, payments, top-ups, your account… in {languages}: each answer comes in the language you write in.',
  tryAsking: 'Try asking',
  offlineHeading: 'Offline mode',
  offlinePrivacy: 'Answers are computed in this browser: what you type never leaves the page.',
  offlineModel: 'Model {version} ({intents} intents, {size} KB classifier) was downloaded once.',
  offlineChatHeading: 'Chat on this device',
  offlineConversation: 'Conversation on this device',
  offlineYourMessage: 'Your message (offline)',
  answeredOnDevice: 'answered on this device',
  personOnline: 'a person can take over in the online chat (Customer chat)',
};

const CHINESE: CustomerLabels = {
  heading: '在线客服',
  newConversation: '新对话',
  conversation: '对话',
  personWillAnswer: '客服人员会在这里回复您，回复会显示在这段对话中。',
  yourMessage: '您的消息',
  send: '发送',
  talkToPerson: '转人工客服',
  handoffMessage: '我想转人工客服',
  agent: '客服',
  intent: '意图',
  confidence: '置信度',
  notUnderstood: '未能理解',
  handedOff: '已转人工客服',
  didYouMean: '您是不是想问',
  didYouMeanLead: '您是不是想问：',
  wasItRight: '这个回答对吗？',
  rightLabel: '赞：回答正确',
  right: '正确',
  wrongLabel: '踩：回答错误',
  wrong: '错误',
  whatWereYouAsking: '您想问的是什么？',
  choose: '请选择…',
  sendCorrection: '提交更正',
  feedbackRecorded: '谢谢，您的反馈已记录。',
  suggestionsLead:
    '您可以咨询银行卡、付款、充值、账户等问题，支持 {languages}：用哪种语言提问，就用哪种语言回答。',
  tryAsking: '试试这样问',
  offlineHeading: '离线模式',
  offlinePrivacy: '回答在本浏览器中生成：您输入的内容不会离开此页面。',
  offlineModel: '模型 {version}（{intents} 个意图，分类器 {size} KB）已下载到本机，只需下载一次。',
  offlineChatHeading: '在本设备上聊天',
  offlineConversation: '本设备上的对话',
  offlineYourMessage: '您的消息（离线）',
  answeredOnDevice: '由本设备回答',
  personOnline: '如需人工客服，请到在线聊天（客户聊天）',
};

const SPANISH: CustomerLabels = {
  heading: 'Habla con nosotros',
  newConversation: 'Nueva conversación',
  conversation: 'Conversación',
  personWillAnswer: 'Una persona te responderá aquí; sus respuestas aparecerán en esta conversación.',
  yourMessage: 'Tu mensaje',
  send: 'Enviar',
  talkToPerson: 'Hablar con una persona',
  handoffMessage: 'Quiero hablar con una persona',
  agent: 'Agente',
  intent: 'intención',
  confidence: 'confianza',
  notUnderstood: 'no entendido',
  handedOff: 'pasado a una persona',
  didYouMean: '¿Querías decir?',
  didYouMeanLead: '¿Querías decir…?',
  wasItRight: '¿Era correcta esta respuesta?',
  rightLabel: 'Pulgar arriba: la respuesta era correcta',
  right: 'Correcta',
  wrongLabel: 'Pulgar abajo: la respuesta era incorrecta',
  wrong: 'Incorrecta',
  whatWereYouAsking: '¿Sobre qué preguntabas?',
  choose: 'elige…',
  sendCorrection: 'Enviar corrección',
  feedbackRecorded: 'Gracias, hemos registrado tu opinión.',
  suggestionsLead:
    'Pregunta sobre tarjetas, pagos, recargas, tu cuenta… en {languages}: cada respuesta llega en el idioma en que escribas.',
  tryAsking: 'Prueba a preguntar',
  offlineHeading: 'Modo sin conexión',
  offlinePrivacy: 'Las respuestas se calculan en este navegador: lo que escribes nunca sale de la página.',
  offlineModel:
    'El modelo {version} ({intents} intenciones, clasificador de {size} KB) se descargó una sola vez.',
  offlineChatHeading: 'Chat en este dispositivo',
  offlineConversation: 'Conversación en este dispositivo',
  offlineYourMessage: 'Tu mensaje (sin conexión)',
  answeredOnDevice: 'respondido en este dispositivo',
  personOnline: 'una persona puede atenderte en el chat en línea (Chat de clientes)',
};

/** The customer chat's catalogue. */
export const CUSTOMER_LABELS: Catalogue<CustomerLabels> = { en: ENGLISH, zh: CHINESE, es: SPANISH };

/**
 * The customer chat's words for a reply language (a tag such as "zh-Hans" counts as "zh"); English for a language
 * without its own, and before any reply.
 *
 * @example customerLabels('es').right // "Correcta"
 */
export function customerLabels(language: string | undefined): CustomerLabels {
  return fromCatalogue(CUSTOMER_LABELS, language);
}
