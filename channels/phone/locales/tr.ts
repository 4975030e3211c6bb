/** Phone phrases in Turkish (siz-form). */
import type { VoiceKey } from '../texts';

export const VOICE_TR: Record<VoiceKey, string> = {
  humanHint: 'Bir insana ulaşmak için istediğiniz zaman 0 tuşuna basın.',
  notHeard: 'Sizi anlayamadım. Lütfen bir kez daha söyleyin.',
  silenceBye: 'Maalesef sizi duyamıyorum. Lütfen tekrar arayın. Hoşça kalın.',
  unknownCall: 'Bu görüşmeyi tanımıyorum. Lütfen yeniden arayın. Hoşça kalın.',
  busy: 'Bir dakika lütfen, son cevabınız üzerinde çalışıyorum.',
  failure: 'Şu anda teknik bir sorun var. Lütfen daha sonra tekrar deneyin. Hoşça kalın.',
  messageWaiting: 'Son aramanızla ilgili vatandaş hizmetlerinden bir mesajınız var.',
  transfer: 'Sizi şimdi bir görevliye bağlıyorum. Şimdiye kadar verdiğiniz bilgiler orada görülüyor.',
  transferFailed: 'Maalesef şu anda kimseye ulaşılamıyor. Talebiniz bilgilerinizle birlikte vatandaş hizmetlerinde kayıtlı; bu numaradan tekrar aradığınızda cevabı duyacaksınız.',
  noTransfer: 'Sizi buradan doğrudan bağlayamıyorum. Talebiniz bilgilerinizle birlikte vatandaş hizmetlerinde kayıtlı; bu numaradan tekrar aradığınızda cevabı duyacaksınız.',
  officeNumber: 'Vatandaş hizmetlerine doğrudan {phone} numarasından da ulaşabilirsiniz.',
  officeHours: 'Çalışma saatlerimiz: {hours}.',
  yesNoKeys: 'Evet ya da hayır deyin, ya da evet için 1, hayır için 2 tuşuna basın.',
};
