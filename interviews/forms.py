"""The job advert form of ``/kit/from-text/``."""

from django import forms

from search.extract import MAX_TEXT_LENGTH


class AdvertForm(forms.Form):
    text = forms.CharField(
        label="Job advert",
        help_text=f"Paste the advert’s text, up to {MAX_TEXT_LENGTH:,} characters. It is read "
        "once to find skills and job titles, and never stored.",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_TEXT_LENGTH,
        error_messages={
            "required": "Paste the text of a job advert to find the skills it asks for.",
            "max_length": f"That text is %(show_value)s characters long; please paste at most "
            f"{MAX_TEXT_LENGTH:,} (the advert itself, without the rest of the page).",
        },
    )

    def full_clean(self):
        # Browsers send line breaks as CRLF but count them as one character in maxlength.
        if self.is_bound and "text" in self.data:
            data = self.data.copy()
            data["text"] = data["text"].replace("\r\n", "\n")
            self.data = data
        super().full_clean()
