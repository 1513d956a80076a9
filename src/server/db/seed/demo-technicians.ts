// Demo technicians (#9 item 13): one or two field-staff users per demo contractor (users with the
// contractor role and the technician flag, seeded with the other demo accounts by demo.ts), and,
// after the activity, the dispatcher of each contractor assigning them its open work orders with a
// visit due (played through the real assign service: timeline events and in-app notifications as
// in real use). Each contractor keeps some open work unassigned, for its dispatcher to hand out.
import type { Principal, Role } from '../../auth/principal.ts';
import type { AppContext } from '../../context.ts';
import { assign } from '../../modules/technicians/technicians.service.ts';

export interface DemoTechnician {
  username: string;
  displayName: string;
  email: string;
  phone: string;
  contractor: 'edile' | 'elettrica' | 'termica' | 'antincendio' | 'ascensori';
  /** The contractor's dispatcher (its demo contractor user), who assigns the work. */
  dispatcher: string;
  note: string;
}

export const DEMO_TECHNICIANS: readonly DemoTechnician[] = [
  {
    username: 'tecnico.edile',
    displayName: 'Giorgio Pirovano',
    email: 'giorgio.pirovano@brambilla-costruzioni.example',
    phone: '+39 347 120 4410',
    contractor: 'edile',
    dispatcher: 'ditta.edile',
    note: "Tecnico della ditta Lotto 1: il suo lavoro di oggi, dal telefono / Lot 1 technician: today's work, on the phone",
  },
  {
    username: 'tecnico.elettrica',
    displayName: 'Davide Sironi',
    email: 'davide.sironi@elettrosistemi-lombardi.example',
    phone: '+39 348 221 7730',
    contractor: 'elettrica',
    dispatcher: 'ditta.elettrica',
    note: "Tecnico della ditta Lotto 2: il suo lavoro di oggi, dal telefono / Lot 2 technician: today's work, on the phone",
  },
  {
    username: 'tecnica.elettrica',
    displayName: 'Laura Mauri',
    email: 'laura.mauri@elettrosistemi-lombardi.example',
    phone: '+39 349 305 1187',
    contractor: 'elettrica',
    dispatcher: 'ditta.elettrica',
    note: "Tecnica della ditta Lotto 2: il suo lavoro di oggi, dal telefono / Lot 2 technician: today's work, on the phone",
  },
  {
    username: 'tecnico.termica',
    displayName: 'Paolo Cattaneo',
    email: 'paolo.cattaneo@termoidraulica-lariana.example',
    phone: '+39 340 417 2256',
    contractor: 'termica',
    dispatcher: 'ditta.termica',
    note: "Tecnico della ditta Lotto 3: il suo lavoro di oggi, dal telefono / Lot 3 technician: today's work, on the phone",
  },
  {
    username: 'tecnico.antincendio',
    displayName: 'Fabio Vergani',
    email: 'fabio.vergani@navigli-antincendio.example',
    phone: '+39 345 512 0093',
    contractor: 'antincendio',
    dispatcher: 'ditta.antincendio',
    note: "Tecnico della ditta Lotto 4: il suo lavoro di oggi, dal telefono / Lot 4 technician: today's work, on the phone",
  },
  {
    username: 'tecnico.ascensori',
    displayName: 'Nicola Ghezzi',
    email: 'nicola.ghezzi@elevatori-orobici.example',
    phone: '+39 346 608 3374',
    contractor: 'ascensori',
    dispatcher: 'ditta.ascensori',
    note: "Tecnico della ditta Lotto 5: il suo lavoro di oggi, dal telefono / Lot 5 lifts technician: today's work, on the phone",
  },
];

/** States with a visit on the calendar (an inspection or the work itself), or work under way. */
const WITH_VISIT = ['inspection_scheduled', 'scheduled', 'in_progress', 'waiting_materials'];
/** At most this many work orders per technician: the rest stays for the dispatcher to assign. */
const PER_TECHNICIAN = 3;

/**
 * Each dispatcher assigns its contractor's open work orders with a visit (oldest number first) to
 * its technicians in turn, leaving the last one unassigned. Returns how many were assigned.
 */
export async function seedDemoAssignments(ctx: AppContext): Promise<number> {
  let assigned = 0;
  const dispatchers = [...new Set(DEMO_TECHNICIANS.map((t) => t.dispatcher))];
  for (const username of dispatchers) {
    const u = await ctx.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'contractor_id'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!u?.contractor_id) continue;
    const techs = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('contractor_id', '=', u.contractor_id)
      .where('technician', '=', 1)
      .where('active', '=', 1)
      .orderBy('username')
      .execute();
    if (techs.length === 0) continue;
    const open = await ctx.db
      .selectFrom('work_orders')
      .select(['id', 'version'])
      .where('contractor_id', '=', u.contractor_id)
      .where('status', 'in', WITH_VISIT)
      .where('technician_id', 'is', null)
      .orderBy('number')
      .execute();
    const dispatcher: Principal = {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      language: 'it',
      roles: new Set<Role>(['contractor']),
      contractorId: u.contractor_id,
      departmentId: null,
      via: 'session',
      technician: false,
    };
    const take = Math.min(open.length - 1, techs.length * PER_TECHNICIAN);
    for (let i = 0; i < take; i++) {
      await assign(ctx, dispatcher, open[i].id, Number(open[i].version), techs[i % techs.length].id);
      assigned++;
    }
  }
  return assigned;
}
