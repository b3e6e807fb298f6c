// The widget's words in its five languages; the locale comes from the site's settings, ?locale= or the browser.
const en = {
  online: 'We are online', away: 'We are away at the moment', replyMinutes: 'Typically replies in a few minutes',
  replyHours: 'Typically replies in a few hours', replyDay: 'Typically replies in a day', placeholder: 'Type your message…',
  send: 'Send', start: 'Start conversation', newConversation: 'Start a new conversation', close: 'Close', attach: 'Attach a file',
  emoji: 'Pick an emoji', typing: 'is typing…', you: 'You', rate: 'Rate your conversation', feedback: 'Tell us more (optional)',
  submit: 'Submit', thanks: 'Thank you for your feedback', resolved: 'This conversation has ended', emailAsk: 'Get notified by email',
  emailPlaceholder: 'Your email address', emailThanks: 'We will reply to you by email', name: 'Full name', email: 'Email', phone: 'Phone number',
  message: 'Message', required: 'is required', invalidEmail: 'Enter a valid email', end: 'End conversation', failed: 'Not sent, tap to retry',
};
type Words = typeof en;

const es: Words = {
  online: 'Estamos en línea', away: 'Ahora no estamos disponibles', replyMinutes: 'Suele responder en unos minutos',
  replyHours: 'Suele responder en unas horas', replyDay: 'Suele responder en un día', placeholder: 'Escribe tu mensaje…',
  send: 'Enviar', start: 'Iniciar conversación', newConversation: 'Iniciar una nueva conversación', close: 'Cerrar', attach: 'Adjuntar un archivo',
  emoji: 'Elegir un emoji', typing: 'está escribiendo…', you: 'Tú', rate: 'Valora tu conversación', feedback: 'Cuéntanos más (opcional)',
  submit: 'Enviar', thanks: 'Gracias por tu opinión', resolved: 'Esta conversación ha terminado', emailAsk: 'Recibe avisos por correo',
  emailPlaceholder: 'Tu correo electrónico', emailThanks: 'Te responderemos por correo', name: 'Nombre completo', email: 'Correo', phone: 'Teléfono',
  message: 'Mensaje', required: 'es obligatorio', invalidEmail: 'Introduce un correo válido', end: 'Terminar conversación', failed: 'No enviado, toca para reintentar',
};
const ptBR: Words = {
  online: 'Estamos online', away: 'Estamos ausentes no momento', replyMinutes: 'Normalmente responde em alguns minutos',
  replyHours: 'Normalmente responde em algumas horas', replyDay: 'Normalmente responde em um dia', placeholder: 'Digite sua mensagem…',
  send: 'Enviar', start: 'Iniciar conversa', newConversation: 'Iniciar uma nova conversa', close: 'Fechar', attach: 'Anexar um arquivo',
  emoji: 'Escolher um emoji', typing: 'está digitando…', you: 'Você', rate: 'Avalie sua conversa', feedback: 'Conte-nos mais (opcional)',
  submit: 'Enviar', thanks: 'Obrigado pela sua avaliação', resolved: 'Esta conversa foi encerrada', emailAsk: 'Receba avisos por e-mail',
  emailPlaceholder: 'Seu e-mail', emailThanks: 'Responderemos por e-mail', name: 'Nome completo', email: 'E-mail', phone: 'Telefone',
  message: 'Mensagem', required: 'é obrigatório', invalidEmail: 'Digite um e-mail válido', end: 'Encerrar conversa', failed: 'Não enviada, toque para tentar de novo',
};
const fr: Words = {
  online: 'Nous sommes en ligne', away: 'Nous sommes absents pour le moment', replyMinutes: 'Répond généralement en quelques minutes',
  replyHours: 'Répond généralement en quelques heures', replyDay: 'Répond généralement en un jour', placeholder: 'Écrivez votre message…',
  send: 'Envoyer', start: 'Démarrer la conversation', newConversation: 'Démarrer une nouvelle conversation', close: 'Fermer', attach: 'Joindre un fichier',
  emoji: 'Choisir un emoji', typing: 'est en train d’écrire…', you: 'Vous', rate: 'Évaluez votre conversation', feedback: 'Dites-nous en plus (facultatif)',
  submit: 'Envoyer', thanks: 'Merci pour votre avis', resolved: 'Cette conversation est terminée', emailAsk: 'Être prévenu par e-mail',
  emailPlaceholder: 'Votre adresse e-mail', emailThanks: 'Nous vous répondrons par e-mail', name: 'Nom complet', email: 'E-mail', phone: 'Téléphone',
  message: 'Message', required: 'est obligatoire', invalidEmail: 'Saisissez un e-mail valide', end: 'Terminer la conversation', failed: 'Non envoyé, touchez pour réessayer',
};
const de: Words = {
  online: 'Wir sind online', away: 'Wir sind gerade nicht erreichbar', replyMinutes: 'Antwortet meist in wenigen Minuten',
  replyHours: 'Antwortet meist in wenigen Stunden', replyDay: 'Antwortet meist innerhalb eines Tages', placeholder: 'Nachricht eingeben…',
  send: 'Senden', start: 'Unterhaltung beginnen', newConversation: 'Neue Unterhaltung beginnen', close: 'Schließen', attach: 'Datei anhängen',
  emoji: 'Emoji wählen', typing: 'schreibt…', you: 'Sie', rate: 'Bewerten Sie die Unterhaltung', feedback: 'Erzählen Sie mehr (optional)',
  submit: 'Absenden', thanks: 'Danke für Ihr Feedback', resolved: 'Diese Unterhaltung ist beendet', emailAsk: 'Per E-Mail benachrichtigen',
  emailPlaceholder: 'Ihre E-Mail-Adresse', emailThanks: 'Wir antworten Ihnen per E-Mail', name: 'Vollständiger Name', email: 'E-Mail', phone: 'Telefonnummer',
  message: 'Nachricht', required: 'ist erforderlich', invalidEmail: 'Gültige E-Mail eingeben', end: 'Unterhaltung beenden', failed: 'Nicht gesendet, zum Wiederholen tippen',
};

const LOCALES: Record<string, Words> = { en, es, pt_BR: ptBR, fr, de };

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
