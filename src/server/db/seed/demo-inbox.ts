// Demo: two e-mails to the service mailbox from senders who are not users, taken through the real
// intake (held, as in real use), so the call center's "Posta in arrivo" and its badge show work.
import type { AppContext } from '../../context.ts';
import { intakeMessage } from '../../modules/mail-in/intake.ts';

const MAILS = [
  {
    minutesAgo: 95,
    from: 'Portineria Residenza Galileo <portineria.galileo@residenze.example>',
    subject: "Citofono guasto all'ingresso",
    text: "Buongiorno, il citofono dell'ingresso principale non suona da stamattina. Grazie.",
  },
  {
    minutesAgo: 40,
    from: 'Studio Tecnico Brivio <info@studiobrivio.example>',
    subject: 'Richiesta di sopralluogo',
    text: 'Buongiorno, per conto del condominio confinante chiediamo un sopralluogo alla recinzione lato parcheggio.',
  },
];

export async function seedDemoInbox(ctx: AppContext, opts: { now: Date }): Promise<number> {
  let held = 0;
  for (const [i, m] of MAILS.entries()) {
    const at = new Date(opts.now.getTime() - m.minutesAgo * 60_000);
    const raw = [
      `From: ${m.from}`,
      'To: manutenzione@uniesempio.example',
      `Subject: ${m.subject}`,
      `Message-ID: <demo-inbox-${i}@presidio.demo>`,
      `Date: ${at.toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      'Content-Language: it',
      '',
      m.text,
      '',
    ].join('\r\n');
    const r = await intakeMessage({ ...ctx, now: () => at }, Buffer.from(raw, 'utf8'), { via: 'smtp' });
    if (r.status === 'held') held++;
  }
  return held;
}
