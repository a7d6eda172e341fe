import { Button } from '@acme/ui';
import ts from 'typescript';
import { motion } from 'framer-motion';

export default function Page() {
  return <motion.div><Button>{ts.version}</Button></motion.div>;
}
