// The pages' words for a failed call: what the API's problem+json answers (kept in English for developers) and an
// unreachable server mean to the person at the page, by status, in the page's language.
import { fromCatalogue, type Catalogue } from './catalogue.ts';

/** One sentence per kind of failure the pages can meet; "{status}" is the HTTP status. */
export interface ProblemLabels {
  /** 400: the request was refused as invalid. */
  badRequest: string;
  /** 401 on a staff page: the admin key is missing or wrong. */
  adminKeyRefused: string;
  /** 403 on a staff page: the server has no ADMIN_KEY, so admin calls are off. */
  adminDisabled: string;
  /** 401 or 403 on the customer's page: the conversation's token was refused. */
  sessionRefused: string;
  /** 401 for want of a client API key (API_KEYS=on): the API key bar asks for it. */
  apiKeyNeeded: string;
  notFound: string;
  conflict: string;
  tooLarge: string;
  tooMany: string;
  serverError: string;
  unavailable: string;
  unreachable: string;
  /** Any other status. */
  failed: string;
  /** A call never sent: a key holds a character no request can carry; "{char}" is that character. */
  keyNotSendable: string;
}

const EN: ProblemLabels = {
  badRequest: 'The server did not accept this: check what was entered and try again.',
  adminKeyRefused: 'The admin key is missing or wrong: enter it in the Admin key bar above.',
  adminDisabled: 'Admin actions are turned off on this server (it has no ADMIN_KEY).',
  sessionRefused: 'This conversation could not be verified: start a new conversation.',
  apiKeyNeeded: 'This app needs an API key: enter it in the bar above.',
  notFound: 'Not found: it may have been removed or may have expired.',
  conflict:
    'Something else changed this first (another agent, or a training already running): reload and try again.',
  tooLarge: 'Too large for the server: make it shorter and try again.',
  tooMany: 'Too many requests: wait a moment and try again.',
  serverError: 'The server ran into a problem: try again shortly.',
  unavailable: 'The service is unavailable for the moment: try again shortly.',
  unreachable: 'The server could not be reached: check the connection and try again.',
  failed: 'The request failed (HTTP {status}).',
  keyNotSendable:
    'Not sent: a key holds "{char}", and a request can only carry plain ASCII. Check the keyboard layout and type the key again.',
};

const ZH: ProblemLabels = {
  badRequest: '服务器未接受此请求：请检查输入的内容后重试。',
  adminKeyRefused: '管理员密钥缺失或不正确：请在上方的管理员密钥栏中输入。',
  adminDisabled: '此服务器未启用管理功能（未设置 ADMIN_KEY）。',
  sessionRefused: '无法验证此对话：请开始新对话。',
  apiKeyNeeded: '此应用需要 API 密钥：请在上方输入。',
  notFound: '未找到：可能已被删除或已过期。',
  conflict: '已被其他操作抢先更改（其他坐席，或已有训练在进行）：请刷新后重试。',
  tooLarge: '内容超出服务器允许的大小：请缩短后重试。',
  tooMany: '请求过于频繁：请稍候再试。',
  serverError: '服务器出现问题：请稍后重试。',
  unavailable: '服务暂时不可用：请稍后重试。',
  unreachable: '无法连接服务器：请检查网络连接后重试。',
  failed: '请求失败（HTTP {status}）。',
  keyNotSendable: '未发送：密钥中含有“{char}”，请求只能携带 ASCII 字符。请检查键盘布局后重新输入密钥。',
};

const ES: ProblemLabels = {
  badRequest: 'El servidor no aceptó la solicitud: revisa lo que escribiste e inténtalo de nuevo.',
  adminKeyRefused: 'Falta la clave de administración o no es correcta: escríbela en la barra de arriba.',
  adminDisabled: 'Las acciones de administración están desactivadas en este servidor (no tiene ADMIN_KEY).',
  sessionRefused: 'No se pudo verificar esta conversación: empieza una nueva.',
  apiKeyNeeded: 'Esta aplicación necesita una clave de API: escríbela en la barra de arriba.',
  notFound: 'No se encontró: puede que se haya eliminado o haya caducado.',
  conflict:
    'Otra acción lo cambió antes (otro agente, o un entrenamiento en curso): recarga e inténtalo de nuevo.',
  tooLarge: 'Demasiado grande para el servidor: acórtalo e inténtalo de nuevo.',
  tooMany: 'Demasiadas solicitudes: espera un momento e inténtalo de nuevo.',
  serverError: 'El servidor tuvo un problema: inténtalo de nuevo en breve.',
  unavailable: 'El servicio no está disponible por el momento: inténtalo de nuevo en breve.',
  unreachable: 'No se pudo conectar con el servidor: comprueba la conexión e inténtalo de nuevo.',
  failed: 'La solicitud falló (HTTP {status}).',
  keyNotSendable:
    'No se envió: una clave contiene «{char}» y una solicitud solo puede llevar caracteres ASCII. Revisa la distribución del teclado y vuelve a escribir la clave.',
};

/** The failure catalogue. */
export const PROBLEM_LABELS: Catalogue<ProblemLabels> = { en: EN, zh: ZH, es: ES };

/** The failure words for a language tag; English for a language without its own. */
export const problemLabels = (tag: string | undefined): ProblemLabels => fromCatalogue(PROBLEM_LABELS, tag);
