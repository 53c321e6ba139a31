from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Site"

    def ready(self):
        from home.clusters import cluster_relations_remember
        from home.spreadsheets import spreadsheet_exports_protect

        spreadsheet_exports_protect()
        cluster_relations_remember()
