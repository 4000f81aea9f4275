/**
 * Field selections shared by several queries. Put `${HOBBY_CARD_FIELDS}` after the query text and spread
 * `...HobbyCard` where a list of hobbies is asked for; the result fits `HobbyCardData` and `<HobbyCard>`.
 */

export const HOBBY_CARD_FIELDS = /* GraphQL */ `
  fragment HobbyCard on Hobby {
    id
    title { text language }
    summary { text language }
    nextSessionStart
    distanceKm
    openUse
    trialSession
    beginnerFriendly
    ageMin
    ageMax
    publishedAt
    price { kind amount unit }
    image { alt { text language } renditions { size url width height } }
    categories { id icon name { text } }
  }
`;

export const BENEFIT_CARD_FIELDS = /* GraphQL */ `
  fragment BenefitCard on Benefit {
    id
    kind
    title { text language }
    validUntil
    remaining
    distanceKm
    organizationName
    redeemedByMe
    hobby { id title { text language } }
  }
`;
