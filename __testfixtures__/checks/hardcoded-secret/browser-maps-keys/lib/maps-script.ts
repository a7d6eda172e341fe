const GOOGLE_API_KEY = 'AIzaSyC4mP8qR2sT6vW9xY1zA3bD5eF7gH0jK2l';

export function loadMapsScript() {
  const script = document.createElement('script');
  script.src = `https://maps.googleapis.com/maps/api/js?key=${GOOGLE_API_KEY}&libraries=places`;
  document.head.appendChild(script);
}
