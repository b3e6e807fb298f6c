// The widget's words in its five languages; the locale comes from the site's settings, ?locale= or the browser.
const en = {
  online: 'We are online', away: 'We are away at the moment', replyMinutes: 'Typically replies in a few minutes',
  replyHours: 'Typically replies in a few hours', replyDay: 'Typically replies in a day', placeholder: 'Type your message…',
  send: 'Send', start: 'Start conversation', newConversation: 'Start a new conversation', close: 'Close', attach: 'Attach a file',
  emoji: 'Pick an emoji', typing: 'is typing…', rate: 'Rate your conversation', feedback: 'Tell us more (optional)',
  submit: 'Submit', thanks: 'Thank you for your feedback', resolved: 'This conversation has ended',
  emailPlaceholder: 'Your email address', name: 'Full name', email: 'Email', phone: 'Phone number',
  message: 'Message', required: 'is required', end: 'End conversation', failed: 'Not sent, tap to retry',
  backSoon: 'We will be back as soon as possible', backSomeTime: 'We will be back online in some time', backTomorrow: 'We will be back online tomorrow',
  backOn: 'We will be back online on {day}', backAt: 'We will be back online at {time}', backInMinutes: 'We will be back online in {n} minutes',
  backInHour: 'We will be back online in 1 hour', backInHours: 'We will be back online in {n} hours', error: 'Something went wrong. Please try again later.',
};
type Words = typeof en;

const es: Words = {
  online: 'Estamos en línea', away: 'Ahora no estamos disponibles', replyMinutes: 'Suele responder en unos minutos',
  replyHours: 'Suele responder en unas horas', replyDay: 'Suele responder en un día', placeholder: 'Escribe tu mensaje…',
  send: 'Enviar', start: 'Iniciar conversación', newConversation: 'Iniciar una nueva conversación', close: 'Cerrar', attach: 'Adjuntar un archivo',
  emoji: 'Elegir un emoji', typing: 'está escribiendo…', rate: 'Valora tu conversación', feedback: 'Cuéntanos más (opcional)',
  submit: 'Enviar', thanks: 'Gracias por tu opinión', resolved: 'Esta conversación ha terminado',
  emailPlaceholder: 'Tu correo electrónico', name: 'Nombre completo', email: 'Correo', phone: 'Teléfono',
  message: 'Mensaje', required: 'es obligatorio', end: 'Terminar conversación', failed: 'No enviado, toca para reintentar',
  backSoon: 'Volveremos lo antes posible', backSomeTime: 'Volveremos a estar en línea dentro de un rato', backTomorrow: 'Volveremos a estar en línea mañana',
  backOn: 'Volveremos a estar en línea el {day}', backAt: 'Volveremos a estar en línea a las {time}', backInMinutes: 'Volveremos a estar en línea en {n} minutos',
  backInHour: 'Volveremos a estar en línea en 1 hora', backInHours: 'Volveremos a estar en línea en {n} horas', error: 'Algo salió mal. Inténtalo de nuevo más tarde.',
};
const ptBR: Words = {
  online: 'Estamos online', away: 'Estamos ausentes no momento', replyMinutes: 'Normalmente responde em alguns minutos',
  replyHours: 'Normalmente responde em algumas horas', replyDay: 'Normalmente responde em um dia', placeholder: 'Digite sua mensagem…',
  send: 'Enviar', start: 'Iniciar conversa', newConversation: 'Iniciar uma nova conversa', close: 'Fechar', attach: 'Anexar um arquivo',
  emoji: 'Escolher um emoji', typing: 'está digitando…', rate: 'Avalie sua conversa', feedback: 'Conte-nos mais (opcional)',
  submit: 'Enviar', thanks: 'Obrigado pela sua avaliação', resolved: 'Esta conversa foi encerrada',
  emailPlaceholder: 'Seu e-mail', name: 'Nome completo', email: 'E-mail', phone: 'Telefone',
  message: 'Mensagem', required: 'é obrigatório', end: 'Encerrar conversa', failed: 'Não enviada, toque para tentar de novo',
  backSoon: 'Voltaremos o mais rápido possível', backSomeTime: 'Voltaremos em breve', backTomorrow: 'Estaremos de volta amanhã',
  backOn: 'Estaremos de volta {day}', backAt: 'Estaremos de volta às {time}', backInMinutes: 'Estaremos de volta em {n} minutos',
  backInHour: 'Estaremos de volta em 1 hora', backInHours: 'Estaremos de volta em {n} horas', error: 'Algo deu errado. Tente novamente mais tarde.',
};
const fr: Words = {
  online: 'Nous sommes en ligne', away: 'Nous sommes absents pour le moment', replyMinutes: 'Répond généralement en quelques minutes',
  replyHours: 'Répond généralement en quelques heures', replyDay: 'Répond généralement en un jour', placeholder: 'Écrivez votre message…',
  send: 'Envoyer', start: 'Démarrer la conversation', newConversation: 'Démarrer une nouvelle conversation', close: 'Fermer', attach: 'Joindre un fichier',
  emoji: 'Choisir un emoji', typing: 'est en train d’écrire…', rate: 'Évaluez votre conversation', feedback: 'Dites-nous en plus (facultatif)',
  submit: 'Envoyer', thanks: 'Merci pour votre avis', resolved: 'Cette conversation est terminée',
  emailPlaceholder: 'Votre adresse e-mail', name: 'Nom complet', email: 'E-mail', phone: 'Téléphone',
  message: 'Message', required: 'est obligatoire', end: 'Terminer la conversation', failed: 'Non envoyé, touchez pour réessayer',
  backSoon: 'Nous serons de retour dès que possible', backSomeTime: 'Nous serons de retour en ligne dans quelque temps', backTomorrow: 'Nous serons de retour en ligne demain',
  backOn: 'Nous serons de retour en ligne {day}', backAt: 'Nous serons de retour en ligne à {time}', backInMinutes: 'Nous serons de retour en ligne dans {n} minutes',
  backInHour: 'Nous serons de retour en ligne dans 1 heure', backInHours: 'Nous serons de retour en ligne dans {n} heures', error: 'Une erreur est survenue. Réessayez plus tard.',
};
const de: Words = {
  online: 'Wir sind online', away: 'Wir sind gerade nicht erreichbar', replyMinutes: 'Antwortet meist in wenigen Minuten',
  replyHours: 'Antwortet meist in wenigen Stunden', replyDay: 'Antwortet meist innerhalb eines Tages', placeholder: 'Nachricht eingeben…',
  send: 'Senden', start: 'Unterhaltung beginnen', newConversation: 'Neue Unterhaltung beginnen', close: 'Schließen', attach: 'Datei anhängen',
  emoji: 'Emoji wählen', typing: 'schreibt…', rate: 'Bewerten Sie die Unterhaltung', feedback: 'Erzählen Sie mehr (optional)',
  submit: 'Absenden', thanks: 'Danke für Ihr Feedback', resolved: 'Diese Unterhaltung ist beendet',
  emailPlaceholder: 'Ihre E-Mail-Adresse', name: 'Vollständiger Name', email: 'E-Mail', phone: 'Telefonnummer',
  message: 'Nachricht', required: 'ist erforderlich', end: 'Unterhaltung beenden', failed: 'Nicht gesendet, zum Wiederholen tippen',
  backSoon: 'Wir sind so bald wie möglich wieder da', backSomeTime: 'Wir sind bald wieder online', backTomorrow: 'Wir sind morgen wieder online',
  backOn: 'Wir sind am {day} wieder online', backAt: 'Wir sind um {time} wieder online', backInMinutes: 'Wir sind in {n} Minuten wieder online',
  backInHour: 'Wir sind in 1 Stunde wieder online', backInHours: 'Wir sind in {n} Stunden wieder online', error: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es später erneut.',
};

/** Every language of the widget; each must have every key of `en` (server/web/widget-i18n.test.ts). */
export const LOCALES: Record<string, Words> = { en, es, pt_BR: ptBR, fr, de };

/** The supported locale closest to `wanted` (`pt-BR`, `pt_br`, `de-AT` …), else English. */
export function pickLocale(wanted: string | null | undefined): string {
  const code = (wanted || '').replace('-', '_');
  if (LOCALES[code]) {
    return code;
  }
  const base = code.split('_')[0].toLowerCase();
  return base === 'pt' ? 'pt_BR' : LOCALES[base] ? base : 'en';
}

export function words(locale: string): Words {
  return LOCALES[pickLocale(locale)];
}

export type { Words };

/** `template` with `{name}` replaced by the values given. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}
