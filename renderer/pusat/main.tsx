import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PusatApp } from './PusatApp';
import '../styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PusatApp />
  </StrictMode>,
);
