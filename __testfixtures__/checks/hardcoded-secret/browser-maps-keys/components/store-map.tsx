'use client';
import { GoogleMap, useJsApiLoader } from '@react-google-maps/api';

export function StoreMap() {
  const { isLoaded } = useJsApiLoader({ googleMapsApiKey: 'AIzaSyB7x2Kq9LmN4pR8sT1vW3yZ6aC0dE5fG7h' });
  return isLoaded ? <GoogleMap zoom={10} center={{ lat: 0, lng: 0 }} /> : null;
}
