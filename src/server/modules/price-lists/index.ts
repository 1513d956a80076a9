export { priceListRoutes } from './price-lists.routes.ts';
export { seedDemoPriceList, seedDemoLotPriceLists, DEMO_PRICE_LIST_CODE, DEMO_LOT_PRICE_LISTS } from './price-lists.seed.ts';
