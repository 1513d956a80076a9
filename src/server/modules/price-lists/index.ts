export { priceListRoutes } from './price-lists.routes.ts';
export { seedDemoPriceList, DEMO_PRICE_LIST_CODE } from './price-lists.seed.ts';
