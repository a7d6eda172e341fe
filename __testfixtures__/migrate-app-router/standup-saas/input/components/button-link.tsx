import { forwardRef, type AnchorHTMLAttributes } from 'react';
import styles from './button-link.module.css';

type ButtonLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { variant?: 'primary' | 'secondary' };

/** An anchor styled as a button; `next/link` passes it `href` and `onClick`. */
const ButtonLink = forwardRef<HTMLAnchorElement, ButtonLinkProps>(function ButtonLink({ variant = 'primary', className, ...props }, ref) {
  const classes = [styles.button, variant === 'secondary' ? styles.secondary : '', className ?? ''].filter(Boolean).join(' ');
  return <a ref={ref} className={classes} {...props} />;
});

export default ButtonLink;
