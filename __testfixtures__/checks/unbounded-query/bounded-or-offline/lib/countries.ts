import { prisma } from './prisma';

// shipshape-ignore unbounded-query -- the country list is fixed at 250 rows
export const countries = () => prisma.country.findMany();
