import { describeTransformFixtures, transformShard } from './fixture-cases.ts';

describeTransformFixtures(transformShard(2, 4));
