/** A category's `icon` name (from the API) as an emoji. Decorative: the category's name is always next to it. */
const EMOJI: Record<string, string> = {
  ball: '⚽', football: '⚽', basketball: '🏀', stick: '🏑', mountain: '🧗', wave: '🏊', skateboard: '🛹',
  fist: '🥋', dumbbell: '🏋️', music: '🎵', guitar: '🎸', microphone: '🎤', piano: '🎹', headphones: '🎧',
  palette: '🎨', brush: '🖌️', camera: '📷', spray: '🖍️', scissors: '✂️', needle: '🧵', hammer: '🔨',
  vase: '🏺', gamepad: '🎮', trophy: '🏆', dice: '🎲', chess: '♟️', tree: '🌲', backpack: '🎒',
  compass: '🧭', canoe: '🛶', fish: '🎣', dance: '💃', sneaker: '👟', ballet: '🩰', star: '⭐', mask: '🎭',
  theatre: '🎭', juggle: '🤹', speech: '💬', code: '💻', laptop: '💻', robot: '🤖', joystick: '🕹️',
  heart: '❤️', megaphone: '📣', hands: '🤝', cross: '⛑️', pot: '🍲', chef: '🧑‍🍳', cake: '🍰', paw: '🐾',
  horse: '🐴', dog: '🐕', book: '📚', bike: '🚲', run: '🏃', ski: '⛷️', skate: '⛸️', tennis: '🎾',
};

export const FALLBACK_EMOJI = '✨';

export function categoryEmoji(icon: string | null | undefined): string {
  return (icon && EMOJI[icon]) || FALLBACK_EMOJI;
}

export function CategoryIcon({ icon }: { icon: string | null | undefined }) {
  return (
    <span class="category-icon" aria-hidden="true">
      {categoryEmoji(icon)}
    </span>
  );
}
