import { expect, test } from '@playwright/test';
import { expectAccessible, loginWithForm, mainNav } from './helpers';

// Each role, logged in through the form, finds its own entries in the navigation and not the
// others'; the home page (the work queue) passes axe for every one of them.
const ROLES: Array<{ user: string; role: string; sees: string[]; not: string[] }> = [
  {
    user: 'richiedente',
    role: 'requester',
    sees: ['Segnala un guasto', 'Le mie segnalazioni'],
    not: ['Da qualificare', 'Bacheca della ditta', 'Utenti', 'Posta in uscita'],
  },
  {
    user: 'callcenter',
    role: 'call center',
    sees: ['Nuova segnalazione telefonica', 'Da chiudere', 'Posta in arrivo'],
    not: ['Da qualificare', 'Utenti', 'Bacheca della ditta', 'Penali', 'Cruscotto SLA dei lotti', 'Soddisfazione'],
  },
  {
    user: 'bm.centrale',
    role: 'building manager',
    sees: ['Da qualificare', 'Da verificare', 'Edifici', 'Soddisfazione'],
    not: ['Utenti', 'Bacheca della ditta', 'Posta in uscita'],
  },
  {
    user: 'capo.servizio',
    role: 'service head',
    sees: ['In attesa di autorizzazione', 'Penali', 'Contratti'],
    not: ['Utenti', 'Da qualificare', 'Bacheca della ditta'],
  },
  {
    user: 'ditta.elettrica',
    role: 'contractor',
    sees: ['Bacheca della ditta', 'Ordini di lavoro'],
    not: ['Utenti', 'Da qualificare', 'Segnala un guasto'],
  },
  {
    user: 'contabilita',
    role: 'accounting',
    sees: ['Segnalazioni', 'Contratti'],
    not: ['Utenti', 'Da qualificare', 'Bacheca della ditta', 'Segnala un guasto'],
  },
  { user: 'admin', role: 'admin', sees: ['Utenti', 'Importazione', 'Posta in uscita'], not: ['Bacheca della ditta', 'Segnala un guasto'] },
];

test.describe('navigation by role', () => {
  for (const r of ROLES) {
    test(`${r.role} (${r.user}) sees its own entries`, async ({ page }) => {
      await page.goto('/login');
      await loginWithForm(page, r.user);
      const nav = mainNav(page);
      await expect(nav.getByRole('link', { name: 'La mia coda di lavoro' })).toBeVisible();
      for (const name of r.sees) await expect(nav.getByRole('link', { name: new RegExp(`^${name}`) }).first(), name).toBeVisible();
      for (const name of r.not) await expect(nav.getByRole('link', { name: new RegExp(`^${name}`) }), name).toHaveCount(0);
      await expectAccessible(page, `home of ${r.user}`);
    });
  }
});
