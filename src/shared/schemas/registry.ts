// Registry objects of the HTTP API (docs/API.md): response shapes, create and patch bodies, list
// queries. Rules a schema cannot say in the user's words (VAT checksum, CIG, MM-DD, shares, date
// order, password length) are checked by the services and named in field errors.
import { Type, type Static, type TProperties } from 'typebox';
import { AuditedFields, Id, IsoDate, Language, ListQuery, Nullable, Role } from './common.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Code = Text(40);
const Name = Text(200);
const Email = Type.String({ format: 'email', maxLength: 200 });
const Phone = Type.String({ maxLength: 40 });
const Ids = Type.Array(Id, { maxItems: 1000 });
const Percent = Type.Number({ minimum: 0, maximum: 100, description: 'percent, up to two decimals' });

/** The object as the API returns it: the common audited fields plus its own. */
const Item = <P extends TProperties>(props: P) => Type.Object({ ...AuditedFields, ...props });
/** POST body: its fields, nothing else. */
const Create = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
/** PATCH body: any of its fields, `active` to (de)activate, and the `version` the client read. */
const Patch = <P extends TProperties>(props: P) =>
  Type.Object(
    { ...Type.Partial(Type.Object(props)).properties, active: Type.Optional(Type.Boolean()), version: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  );
const Query = <P extends TProperties>(props: P) => Type.Object({ ...ListQuery, ...props });

// --- sites -------------------------------------------------------------------------------------
const siteFields = { code: Code, name: Name, city: Text(100), patronSaint: Nullable(Type.String({ maxLength: 10, description: 'MM-DD' })) };
export const SiteSchema = Item(siteFields);
export const SiteCreate = Create({ ...siteFields, patronSaint: Type.Optional(siteFields.patronSaint) });
export const SitePatch = Patch(siteFields);
export const SiteQuery = Query({});

// --- departments -------------------------------------------------------------------------------
const departmentFields = { code: Code, name: Name, costCentre: Text(40) };
export const DepartmentSchema = Item(departmentFields);
export const DepartmentCreate = Create(departmentFields);
export const DepartmentPatch = Patch(departmentFields);
export const DepartmentQuery = Query({});

// --- buildings ---------------------------------------------------------------------------------
export const Occupancy = Type.Object(
  { departmentId: Id, sharePercent: Type.Number({ minimum: 0.01, maximum: 100, description: 'percent, up to two decimals' }) },
  { additionalProperties: false },
);
const Competence = Type.Union([Type.Literal('central'), Type.Literal('department')]);
const buildingFields = {
  siteId: Id,
  code: Code,
  name: Name,
  address: Text(300),
  competence: Competence,
  competenceDepartmentId: Nullable(Id),
  managerIds: Ids,
  occupancies: Type.Array(Occupancy, { maxItems: 200 }),
  notifyOccupantsPlanned: Type.Boolean({
    description:
      "the new dates of planned work orders also go to the occupants' contacts (active users of the occupying departments with an e-mail)",
  }),
  newTicketNotices: Type.Union([Type.Literal('all'), Type.Literal('danger'), Type.Literal('none')], {
    description:
      'which new tickets in the building reach its managers (notice 1, e-mail and in-app): all (default), danger (only those reporting a danger to people), none (none but dangers: a danger always reaches them)',
  }),
};
export const BuildingSchema = Item(buildingFields);
export const BuildingCreate = Create({
  ...buildingFields,
  competenceDepartmentId: Type.Optional(buildingFields.competenceDepartmentId),
  managerIds: Type.Optional(Ids),
  occupancies: Type.Optional(buildingFields.occupancies),
  notifyOccupantsPlanned: Type.Optional(buildingFields.notifyOccupantsPlanned),
  newTicketNotices: Type.Optional(buildingFields.newTicketNotices),
});
export const BuildingPatch = Patch(buildingFields);
export const BuildingQuery = Query({ siteId: Type.Optional(Id) });

// --- floors ------------------------------------------------------------------------------------
const floorFields = { buildingId: Id, code: Code, name: Name, level: Type.Integer({ minimum: -20, maximum: 300 }) };
export const FloorSchema = Item(floorFields);
export const FloorCreate = Create(floorFields);
export const FloorPatch = Patch({ code: Code, name: Name, level: floorFields.level }); // a floor stays in its building
export const FloorQuery = Query({ buildingId: Type.Optional(Id) });

// --- spaces ------------------------------------------------------------------------------------
const spaceFields = {
  buildingId: Id,
  floorId: Id,
  code: Code,
  name: Name,
  use: Nullable(Type.String({ maxLength: 100 })),
  areaM2: Nullable(Type.Number({ minimum: 0, maximum: 10_000_000, description: 'square metres' })),
  // #10 item 3: what the central-vs-department cost-allocation rule reads.
  allocationKind: Nullable(
    Type.String({
      enum: ['department_own', 'teaching', 'common'],
      description: "cost allocation: a department's own space, a teaching space or a common part; null: not classified (central budget)",
    }),
  ),
  departmentId: Nullable(
    Type.String({ minLength: 1, maxLength: 64, description: 'the department whose own space it is (allocationKind department_own)' }),
  ),
};
export const SpaceSchema = Item(spaceFields);
export const SpaceCreate = Create({
  ...spaceFields,
  use: Type.Optional(spaceFields.use),
  areaM2: Type.Optional(spaceFields.areaM2),
  allocationKind: Type.Optional(spaceFields.allocationKind),
  departmentId: Type.Optional(spaceFields.departmentId),
});
export const SpacePatch = Patch({
  floorId: Id,
  code: Code,
  name: Name,
  use: spaceFields.use,
  areaM2: spaceFields.areaM2,
  allocationKind: spaceFields.allocationKind,
  departmentId: spaceFields.departmentId,
}); // stays in its building
export const SpaceQuery = Query({ buildingId: Type.Optional(Id), floorId: Type.Optional(Id) });

// --- technology classes ------------------------------------------------------------------------
const DM37_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
const Dm37Letter = Type.Unsafe<(typeof DM37_LETTERS)[number] | null>({
  type: ['string', 'null'],
  enum: [...DM37_LETTERS, null],
  description: 'installation class of DM 37/2008 art. 1, or null',
});
const technologyClassFields = { code: Code, nameIt: Name, nameEn: Name, dm37Letter: Dm37Letter };
export const TechnologyClassSchema = Item(technologyClassFields);
export const TechnologyClassCreate = Create({ ...technologyClassFields, dm37Letter: Type.Optional(technologyClassFields.dm37Letter) });
export const TechnologyClassPatch = Patch(technologyClassFields);
export const TechnologyClassQuery = Query({});

// --- contractors -------------------------------------------------------------------------------
const contractorFields = {
  name: Name,
  vatNumber: Type.String({ maxLength: 20, description: 'partita IVA, 11 digits' }),
  pec: Email,
  email: Nullable(Email),
  phone: Nullable(Phone),
  durcValidUntil: Nullable({
    ...IsoDate,
    description:
      "the DURC (contributions certificate)'s last valid day; a statement is not approved after it (#10 item 4); null: not recorded",
  }),
};
export const ContractorSchema = Item(contractorFields);
export const ContractorCreate = Create({
  ...contractorFields,
  email: Type.Optional(contractorFields.email),
  phone: Type.Optional(contractorFields.phone),
  durcValidUntil: Type.Optional(contractorFields.durcValidUntil),
});
export const ContractorPatch = Patch(contractorFields);
export const ContractorQuery = Query({});

// --- contracts ---------------------------------------------------------------------------------
const Cents = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'euro cents' });
const contractFields = {
  lot: Text(100),
  cig: Type.String({ maxLength: 20, description: 'CIG, 10 characters [0-9A-Z]' }),
  title: Text(500),
  contractorId: Id,
  startsOn: IsoDate,
  endsOn: IsoDate,
  netAmountCents: Cents,
  yearlyFeeCents: Cents,
  discountPercent: Percent,
  technologyClassIds: Ids,
  buildingIds: Ids,
};
/** The framework agreement's maximum for the lot (#9); null: not recorded. At least the net amount. */
const LotCeiling = Nullable(
  Type.Integer({
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: "euro cents: the framework agreement's maximum for the lot; null: not recorded",
  }),
);
/** Days to attach the documents declared "to follow" at completion (#9 item 7a); default 30. */
export const DOCUMENTS_DUE_DAYS_DEFAULT = 30;
const DocumentsDueDays = Type.Integer({
  minimum: 1,
  maximum: 365,
  description: 'days after completion by which documents declared "to follow" are due (late_documents penalty after that); default 30',
});
/** The day of the contract's conformity check; the final statement needs it (#10 item 4). */
const ConformityCheckedOn = Nullable({ ...IsoDate, description: "the conformity check's day (verifica di conformità); null: not yet" });
/** #10 item 2: the share of the approved quote above which a final account's variance goes back to the service head. */
export const VARIANCE_THRESHOLD_PERCENT_DEFAULT = 20;
const VarianceThreshold = Type.Number({
  minimum: 0,
  maximum: 100,
  description:
    "percent, two decimals: a final account's net further than this from the approved quote needs the service head again; default 20",
});
/** Money is null for a caller outside contractMoneyScope (the call center): responses only. */
export const ContractSchema = Item({
  ...contractFields,
  netAmountCents: Nullable(Cents),
  yearlyFeeCents: Nullable(Cents),
  discountPercent: Nullable(Percent),
  lotCeilingCents: LotCeiling,
  documentsDueDays: DocumentsDueDays,
  conformityCheckedOn: ConformityCheckedOn,
  varianceThresholdPercent: VarianceThreshold,
});
export const ContractCreate = Create({
  ...contractFields,
  lotCeilingCents: Type.Optional(LotCeiling),
  documentsDueDays: Type.Optional(DocumentsDueDays),
  conformityCheckedOn: Type.Optional(ConformityCheckedOn),
  varianceThresholdPercent: Type.Optional(VarianceThreshold),
});
export const ContractPatch = Patch({
  ...contractFields,
  lotCeilingCents: LotCeiling,
  documentsDueDays: DocumentsDueDays,
  conformityCheckedOn: ConformityCheckedOn,
  varianceThresholdPercent: VarianceThreshold,
});
export const ContractQuery = Query({ contractorId: Type.Optional(Id) });
export const ContractResolveQuery = Type.Object({ buildingId: Id, technologyClassId: Id, date: IsoDate }, { additionalProperties: false });

// --- assets ------------------------------------------------------------------------------------
const assetFields = {
  code: Code,
  name: Name,
  technologyClassId: Id,
  buildingId: Id,
  spaceId: Nullable(Id),
  serialNumber: Nullable(Type.String({ maxLength: 100 })),
};
export const AssetSchema = Item(assetFields);
export const AssetCreate = Create({
  ...assetFields,
  spaceId: Type.Optional(assetFields.spaceId),
  serialNumber: Type.Optional(assetFields.serialNumber),
});
export const AssetPatch = Patch(assetFields);
export const AssetQuery = Query({ buildingId: Type.Optional(Id) });

// --- users -------------------------------------------------------------------------------------
const userFields = {
  username: Text(100),
  displayName: Text(120),
  email: Nullable(Email),
  phone: Nullable(Phone),
  language: Language,
  roles: Type.Array(Role, { maxItems: 7 }),
  contractorId: Nullable(Id),
  departmentId: Nullable(Id),
  technician: Type.Boolean({
    description:
      'one of its contractor\'s technicians (field staff: assigned work orders, "my work today"); only with the contractor role and a contractor',
  }),
};
const Password = Type.String({ maxLength: 200, description: 'at least 10 characters' });
export const UserSchema = Item(userFields);
export const UserCreate = Create({
  ...userFields,
  email: Type.Optional(userFields.email),
  phone: Type.Optional(userFields.phone),
  language: Type.Optional(Language),
  contractorId: Type.Optional(userFields.contractorId),
  departmentId: Type.Optional(userFields.departmentId),
  technician: Type.Optional(userFields.technician),
  password: Password,
});
export const UserPatch = Patch({ ...userFields, password: Password });
export const UserQuery = Query({ role: Type.Optional(Role) });

export type Site = Static<typeof SiteSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type Building = Static<typeof BuildingSchema>;
export type Floor = Static<typeof FloorSchema>;
export type Space = Static<typeof SpaceSchema>;
export type TechnologyClass = Static<typeof TechnologyClassSchema>;
export type Contractor = Static<typeof ContractorSchema>;
export type Contract = Static<typeof ContractSchema>;
export type Asset = Static<typeof AssetSchema>;
export type User = Static<typeof UserSchema>;
